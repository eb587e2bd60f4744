"""/recherche/ on both backends (PostgreSQL full-text search in CI, SQLite's accent-blind words locally): each
persona finds exactly what they may read, a closed group never leaks (titles, excerpts, counts), a confidential
author is never named to peers, hidden posts and withdrawn resources are never found, user text cannot inject
markup through the highlight, title matches come first, and any parameter gives a French page, never a 500."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from practices.models import Visibility
from practices.services import moderation
from practices.services import resources as resource_services
from tests.utils import LOGIN, PERSONAS, assert_access, persona_row, text

from . import factories
from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root")

OPEN_TOPIC = "Atelier tremplin pour les décrocheurs"
REPLY = "Nous proposons un atelier tremplin chaque mois"
CONFIDENTIAL = "Notre dispositif tremplin sature"
GROUP_TOPIC = "Bilan tremplin du groupe de Brest"
GROUP_REPLY = "Chiffres internes du tremplin brestois"
GROUP_RESOURCE = "Compte rendu tremplin du groupe"
NETWORK_RESOURCE = "Guide tremplin du CIO"
PUBLIC_RESOURCE = "Affiche tremplin à imprimer"
HIDDEN_REPLY = "Tremplin : propos hors charte"
WITHDRAWN_RESOURCE = "Ancien tremplin retiré"

EVERY_MEMBER_READS = [OPEN_TOPIC, REPLY, CONFIDENTIAL, NETWORK_RESOURCE, PUBLIC_RESOURCE]
GROUP_ONLY = [GROUP_TOPIC, GROUP_REPLY, GROUP_RESOURCE]
NOBODY_FINDS = [HIDDEN_REPLY, WITHDRAWN_RESOURCE]
# Who reads the closed group (its member other_adviser, and the coordinators) and who does not.
READS_THE_GROUP = {"other_adviser", "territorial_coordinator", "regional_coordinator"}
SEARCHERS = ["adviser", "referent", "other_adviser", "territorial_coordinator", "regional_coordinator"]


@pytest.fixture
def corpus(forum):
    """The word « tremplin » in everything a search may or may not find."""
    network = forum.network
    open_topic = factories.topic(network.adviser, title=OPEN_TOPIC, body="Nous cherchons des idées d'ateliers.")
    reply = factories.reply(forum.question, network.other_adviser, body=f"{REPLY}, au CIO.")
    confidential = factories.topic(
        network.other_adviser,
        title=CONFIDENTIAL,
        body="Nous manquons de places : saturation complète.",
        category_slug="accompagnement",
        confidential=True,
    )
    group_topic = factories.topic(
        network.other_adviser, title=GROUP_TOPIC, body="Chiffres secretgroupe.", group=forum.closed_group
    )
    group_reply = factories.reply(group_topic, network.other_adviser, body=f"{GROUP_REPLY} secretgroupe.")
    hidden = factories.reply(forum.question, network.referent, body=HIDDEN_REPLY)
    moderation.post_hide(post=hidden, moderator=network.regional_coordinator, reason="Hors charte.")
    network_resource = rf.resource(network.adviser, title=NETWORK_RESOURCE, summary="Un guide pour le CIO.")
    public_resource = rf.resource(
        network.other_adviser, title=PUBLIC_RESOURCE, summary="Pour l'accueil.", visibility=Visibility.PUBLIC
    )
    group_resource = rf.resource(
        network.other_adviser,
        title=GROUP_RESOURCE,
        summary="Notes secretgroupe.",
        visibility=Visibility.GROUP,
        group=forum.closed_group,
    )
    withdrawn = rf.resource(network.adviser, title=WITHDRAWN_RESOURCE, summary="Plus à jour.")
    resource_services.resource_withdraw(resource=withdrawn, withdrawn_by=network.adviser)
    return SimpleNamespace(
        forum=forum,
        network=network,
        open_topic=open_topic,
        reply=reply,
        confidential=confidential,
        group_topic=group_topic,
        group_reply=group_reply,
        hidden=hidden,
        network_resource=network_resource,
        public_resource=public_resource,
        group_resource=group_resource,
    )


def search(client, *, marked=False, **params):
    """The results page as read (without its <mark> highlights unless `marked`)."""
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    html = text(response)
    return html if marked else html.replace("<mark>", "").replace("</mark>", "")


# --- who may search ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"), list(persona_row(200, staff=403, anonymous=LOGIN).items()), ids=PERSONAS
)
def test_search_is_for_members(client_for, corpus, persona, expected):
    assert_access(client_for(persona), "/recherche/?q=tremplin", expected)


# --- exactly what each persona may read --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEARCHERS)
def test_each_persona_finds_exactly_what_they_may_read(client_for, corpus, persona):
    html = search(client_for(persona), q="tremplin")
    expected = EVERY_MEMBER_READS + (GROUP_ONLY if persona in READS_THE_GROUP else [])
    for title in expected:
        assert title in html, title
    for title in NOBODY_FINDS + ([] if persona in READS_THE_GROUP else GROUP_ONLY):
        assert title not in html, title
    assert f"{len(expected)} résultats pour « tremplin »" in html


@pytest.mark.parametrize("persona", ["adviser", "referent"])
def test_a_closed_group_never_leaks_to_non_members_in_titles_excerpts_or_counts(client_for, corpus, persona):
    client = client_for(persona)
    html = search(client, q="secretgroupe")
    assert "0 résultat pour « secretgroupe »" in html
    assert "Aucun résultat" in html
    for leak in ["Brest", "secretgroupe.", "Chiffres", "Notes"]:
        assert leak not in html.split("<main", 1)[1].replace("« secretgroupe »", ""), leak
    for kind in ["sujets", "messages", "ressources"]:
        assert "0 résultat" in search(client, q="secretgroupe", sorte=kind)


def test_the_group_member_finds_the_groups_topic_reply_and_resource(client_for, corpus):
    html = search(client_for("other_adviser"), q="secretgroupe")
    assert "3 résultats" in html
    for title in GROUP_ONLY:
        assert title in html


@pytest.mark.parametrize("persona", SEARCHERS)
def test_hidden_posts_and_withdrawn_resources_are_never_found(client_for, corpus, persona):
    html = search(client_for(persona), q="hors charte")
    assert "propos hors charte" not in html.lower()
    assert WITHDRAWN_RESOURCE not in search(client_for(persona), q="retiré")


def test_a_topic_whose_opening_post_is_hidden_is_not_found_by_its_words(client_for, corpus):
    first = corpus.open_topic.posts.get(number=1)
    moderation.post_hide(post=first, moderator=corpus.network.regional_coordinator, reason="Hors charte.")
    assert "0 résultat" in search(client_for("referent"), q="idées ateliers")
    assert OPEN_TOPIC in search(client_for("referent"), q="décrocheurs")  # its title still is
    first.refresh_from_db()
    moderation.post_restore(post=first, moderator=corpus.network.regional_coordinator)
    assert OPEN_TOPIC in search(client_for("referent"), q="idées ateliers")


# --- confidential questions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["adviser", "referent"])
def test_peers_never_read_the_confidential_authors_name(client_for, corpus, persona):
    html = search(client_for(persona), q="saturation")
    assert CONFIDENTIAL in html
    author = corpus.network.other_adviser
    for mark in [author.get_full_name(), author.last_name, author.email, "Mission locale du Pays de Brest"]:
        assert mark not in html, mark
    assert "un·e conseiller·e d'une Mission locale" in html


@pytest.mark.parametrize("persona", ["other_adviser", "regional_coordinator"])
def test_the_author_and_coordinators_see_who_wrote_it(client_for, corpus, persona):
    html = search(client_for(persona), q="saturation")
    assert corpus.network.other_adviser.get_full_name() in html
    assert "publié au nom de" in html


# --- ranking, highlight, filters ---------------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_body_match(client_for, forum):
    adviser = forum.network.adviser
    body_only = factories.topic(adviser, title="Question de méthode", body="Un passeport orientation, utile ?")
    title = factories.topic(adviser, title="Le passeport orientation en atelier", body="Nos retours.")
    html = search(client_for("referent"), q="passeport")
    assert html.index(title.title) < html.index(body_only.title)
    # Even when the body match is the newer one.
    newer = factories.topic(adviser, title="Autre sujet encore", body="Parlons du passeport.")
    html = search(client_for("referent"), q="passeport")
    assert html.index(title.title) < html.index(newer.title)


def test_matches_are_marked_in_titles_and_excerpts(client_for, corpus):
    html = search(client_for("referent"), q="tremplin", marked=True)
    assert "<mark>tremplin</mark>" in html.lower()
    assert "Atelier <mark>tremplin</mark> pour les décrocheurs" in html


class Tags(HTMLParser):
    """Every start tag of a fragment with its attributes, as a browser would parse it."""

    def __init__(self, html):
        super().__init__()
        self.seen = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


PAGE_TAGS = {
    "main", "h1", "h2", "h3", "form", "div", "p", "label", "input", "select", "option", "button", "a", "section",
    "ol", "li", "span", "strong", "mark", "nav", "ul", "br", "small", "details", "summary",
}  # fmt: skip
XSS_TITLE = '<script>alert("tremplin")</script> Piège tremplin'
XSS_BODY = '<img src=x onerror="alert(1)"> tremplin <b onclick=alert(2)>gras</b> \ue000tremplin'


def test_markup_in_titles_and_bodies_does_not_survive_the_highlight(client_for, forum):
    topic = factories.topic(forum.network.adviser, title=XSS_TITLE, body=XSS_BODY)
    factories.reply(topic, forum.network.referent, body=XSS_BODY)
    rf.resource(forum.network.adviser, title=XSS_TITLE, summary=XSS_BODY)
    response = client_for("referent").get("/recherche/", {"q": "tremplin"})
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>")[0]
    assert "<script>alert" not in main and "<img" not in main and "<b " not in main
    assert "&lt;script&gt;" in main  # shown as text (an excerpt may leave a tag out, never run it)
    tags = Tags(main)
    assert not [attribute for _, attributes in tags.seen for attribute, _ in attributes if attribute.startswith("on")]
    assert {tag for tag, _ in tags.seen} <= PAGE_TAGS
    # Only <mark> is added, and every <mark> is closed (a user's stray marker character makes none).
    assert main.count("<mark>") == main.count("</mark>") > 0


def test_filter_by_kind(client_for, corpus):
    client = client_for("referent")
    html = search(client, q="tremplin", sorte="ressources")
    assert NETWORK_RESOURCE in html and PUBLIC_RESOURCE in html
    assert OPEN_TOPIC not in html and REPLY not in html
    html = search(client, q="tremplin", sorte="messages")
    assert "Réponse dans « Accueillir un jeune sorti sans diplôme" in html
    assert OPEN_TOPIC not in html and NETWORK_RESOURCE not in html
    html = search(client, q="tremplin", sorte="sujets")
    assert OPEN_TOPIC in html and CONFIDENTIAL in html and NETWORK_RESOURCE not in html


def test_filter_by_category_mission_solved_and_dates(client_for, corpus):
    client = client_for("referent")
    forum = corpus.forum
    html = search(client, q="tremplin", categorie=factories.category("accompagnement").pk)
    assert CONFIDENTIAL in html and OPEN_TOPIC not in html and NETWORK_RESOURCE not in html
    assert "les ressources sont laissées de côté" in html
    mission = factories.category("accompagnement").mission
    assert CONFIDENTIAL in search(client, q="tremplin", mission=mission.code)
    assert "0 résultat" in search(client, q="tremplin", resolues="on")
    from practices.services import forum as forum_services

    forum_services.solution_mark(topic=forum.question, post=corpus.reply, marked_by=forum.network.adviser)
    html = search(client, q="tremplin", resolues="on")
    assert "1 résultat" in html and "Résolu" in html
    assert "0 résultat" in search(client, q="tremplin", du="2000-01-01", au="2000-12-31")
    assert "5 résultats" in search(client, q="tremplin", du="01/01/2000")


# --- empty and bad input -----------------------------------------------------------------------------------------


def test_an_empty_query_is_a_helpful_page(client_for, corpus):
    for params in [{}, {"q": ""}, {"q": "   "}, {"sorte": "sujets"}]:
        html = search(client_for("adviser"), **params)
        assert "Que cherchez-vous ?" in html
        assert "entre guillemets" in html
        assert "résultats pour" not in html and "résultat pour" not in html


BAD = [
    ({"q": "tremplin", "page": "abc"}, None),
    ({"q": "tremplin", "page": "0"}, None),
    ({"q": "tremplin", "page": "99999999999999999999999"}, None),
    ({"q": "tremplin", "categorie": "abc"}, "Cette catégorie n'existe pas"),
    ({"q": "tremplin", "categorie": "999999"}, "Cette catégorie n'existe pas"),
    ({"q": "tremplin", "categorie": "99999999999999999999"}, "Cette catégorie n'existe pas"),
    ({"q": "tremplin", "mission": "zzz"}, "Cette mission n'existe pas"),
    ({"q": "tremplin", "sorte": "tout"}, "Ce choix n'existe pas"),
    ({"q": "tremplin", "du": "2024-13-45"}, "Cette date n'existe pas"),
    ({"q": "tremplin", "au": "31/02/2024"}, "Cette date n'existe pas"),
    ({"q": "tremplin", "du": "2024-06-01", "au": "2024-01-01"}, "avant la date de début"),
    ({"q": "x" * 500}, "La recherche est trop longue"),
    ({"q": "tremplin\x00"}, "Le caractère nul n’est pas autorisé"),
    ({"q": '"'}, None),
    ({"q": "-"}, None),
    ({"q": "- -tremplin"}, None),
    ({"q": "ou"}, None),
    ({"q": "tremplin & | ! ( ) : * <->"}, None),
    ({"q": "'; DROP TABLE practices_post; --"}, None),
    ({"q": "le la les de"}, None),
]


@pytest.mark.parametrize(("params", "message"), BAD, ids=[repr(params)[:60] for params, _ in BAD])
def test_bad_input_is_a_french_message_never_a_500(client_for, corpus, params, message):
    html = search(client_for("referent"), **params)
    if message:
        assert message in html
        assert "Certains critères n'ont pas été compris" in html


def test_an_invalid_filter_is_left_out_and_the_search_still_runs(client_for, corpus):
    html = search(client_for("referent"), q="tremplin", categorie="abc", du="2024-13-45")
    assert "5 résultats pour « tremplin »" in html


# --- the header box and the links -------------------------------------------------------------------------------


def test_members_have_a_search_box_in_the_header(client_for, corpus):
    html = client_for("adviser").get("/communaute/").content.decode()
    header = html.split("</header>")[0]
    assert 'role="search"' in header and 'action="/recherche/"' in header
    assert '<label for="header-search" class="visually-hidden">Rechercher</label>' in header
    assert 'href="/recherche/"' in html  # the forum's own link


def test_visitors_have_no_search_box(client, db):
    assert 'action="/recherche/"' not in client.get("/ressources/").content.decode()


def test_the_library_links_to_a_search_of_resources(client_for, corpus):
    assert "/recherche/?sorte=ressources" in client_for("adviser").get("/ressources/").content.decode()


# --- queries -----------------------------------------------------------------------------------------------------


def _passerelle_rows(network, kind, count, start=0):
    authors = [network.referent, network.other_adviser, network.regional_coordinator]
    home = factories.topic(network.adviser, title="Un sujet d'accueil", body="Sans le mot.")
    for number in range(start, start + count):
        author = authors[number % 3]
        if kind == "topic":
            topic = factories.topic(
                author, title=f"Passerelle numéro {number}", confidential=number % 7 == 0 and number % 3 != 2
            )
            factories.reply(topic, authors[(number + 1) % 3], body="Une réponse.")
        elif kind == "post":
            factories.reply(home, author, body=f"Passerelle numéro {number}, une réponse.")
        else:
            rf.resource(author, title=f"Passerelle numéro {number}", url="https://exemple.fr/p")


@pytest.mark.parametrize("kind", ["topic", "post", "resource"])
def test_the_same_queries_for_1_and_50_results(client_for, forum, assert_same_query_count, kind):
    _passerelle_rows(forum.network, kind, 1)
    response = assert_same_query_count(
        client_for("adviser"),
        "/recherche/?q=passerelle",
        lambda: _passerelle_rows(forum.network, kind, 49, start=1),
        warm=True,
    )
    assert "résultats pour « passerelle »" in text(response)
    assert "Passerelle numéro 49" in text(response).replace("<mark>", "").replace("</mark>", "")


def test_the_same_queries_for_a_page_of_every_kind(client_for, forum, assert_same_query_count):
    """One query per kind shown: a page with topics, replies and resources costs as much with 3 rows as with 50."""

    def add(count, start):
        for kind in ["topic", "post", "resource"]:
            _passerelle_rows(forum.network, kind, count, start)

    add(1, 0)
    assert_same_query_count(
        client_for("regional_coordinator"), "/recherche/?q=passerelle&page=2", lambda: add(16, 1), warm=True
    )
