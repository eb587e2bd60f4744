"""Shared fragments (spro_portal.fragments) turned on: topic rows and posts built once and shared by the readers who
would see the same HTML, never one reader's name, reading, CSRF token or actions served to another; and a change
(a reply, an edit, a rename, a new topic) shows at once although the page before it was cached.

Renewals of generations run on commit (practices.signals, members.signals): the test transaction never commits, so
every change that must renew one runs inside `django_capture_on_commit_callbacks(execute=True)`; without it the
cached HTML would stay and these tests would fail."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.services.accounts import account_close
from practices.models import Category, GroupJoinRequest
from practices.services import forum as services
from practices.services import groups as group_services
from practices.services import moderation
from practices.signals import LABELS, TOPICS
from practices.templatetags import forum_html
from spro_portal import fragments
from tests.utils import forget_shared_pages, text

from . import factories

pytestmark = pytest.mark.usefixtures("fragments_on")


@pytest.fixture
def builds(monkeypatch):
    """How many topic rows and posts were built (not read from the cache) since the last `reset()`."""
    counts = {"rows": 0, "posts": 0}
    real_row, real_post = forum_html.shared_topic_row_html, forum_html.post_html

    def row(*args, **kwargs):
        counts["rows"] += 1
        return real_row(*args, **kwargs)

    def post(*args, **kwargs):
        counts["posts"] += 1
        return real_post(*args, **kwargs)

    monkeypatch.setattr(forum_html, "shared_topic_row_html", row)
    monkeypatch.setattr(forum_html, "post_html", post)

    class Builds:
        def __getitem__(self, name):
            return counts[name]

        def reset(self):
            counts.update(rows=0, posts=0)

    return Builds()


def fragment_keys():
    """The fragments stored in the test's cache (not the generations' stamps)."""
    return [key for key in caches["default"]._cache if f":{fragments._PREFIX}" in key]


def row_of(page, title):
    """The `<li>` of the topic titled `title` in a list page."""
    rows = [row for row in page.split('<li class="topic-row')[1:] if f">{title}</a>" in row]
    assert len(rows) == 1, f"{title!r} is in {len(rows)} rows"
    return rows[0].split("</li>")[0]


def article_of(page, post):
    """The `<article>` of this post in a topic page."""
    return page.split(f'id="{post.anchor}"')[1].split("</article>")[0]


def topic_count_heading(page):
    return re.search(r'<h2 id="topics-title"[^>]*>([^<]*)</h2>', page).group(1)


def category_url(slug):
    return f"/communaute/categories/{slug}/"


def topic_url(topic):
    return f"/communaute/sujets/{topic.pk}/"


# --- 1. a confidential topic's byline ----------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["other_adviser", "regional_coordinator", "territorial_coordinator"])
def test_a_peer_never_reads_the_name_a_confidential_topic_was_cached_with(client_for, forum, builds, first):
    author = forum.network.other_adviser
    url = category_url("accompagnement")
    first_page = text(client_for(first).get(url))
    assert author.get_full_name() in row_of(first_page, forum.confidential.title)

    for peer in ["adviser", "referent"]:
        builds.reset()
        row = row_of(text(client_for(peer).get(url)), forum.confidential.title)
        assert author.get_full_name() not in row and author.last_name not in row
        assert "publié au nom de" not in row
        assert "un·e conseiller·e d'une Mission locale" in row
        # The first peer builds the masked row, the second one reads it from the cache.
        assert builds["rows"] == (1 if peer == "adviser" else 0)


def test_the_author_reads_their_name_after_a_peer_cached_the_masked_row(client_for, forum, builds):
    author = forum.network.other_adviser
    url = category_url("accompagnement")
    assert author.get_full_name() not in row_of(text(client_for("adviser").get(url)), forum.confidential.title)
    builds.reset()
    row = row_of(text(client_for("other_adviser").get(url)), forum.confidential.title)
    assert f"<strong>{author.get_full_name()}</strong>" in row
    assert "publié au nom de votre structure" in row
    assert builds["rows"] == 1  # not the peer's fragment
    builds.reset()
    row = row_of(text(client_for("regional_coordinator").get(url)), forum.confidential.title)
    assert author.get_full_name() in row and "publié au nom de sa structure" in row
    assert "votre structure" not in row
    assert builds["rows"] == 1
    builds.reset()
    row = row_of(text(client_for("territorial_coordinator").get(url)), forum.confidential.title)
    assert "publié au nom de sa structure" in row and builds["rows"] == 0  # the moderators' fragment, shared


# --- 2. read markers, 3. a reply ----------------------------------------------------------------------------


def test_read_markers_are_each_readers_own(client_for, forum, builds):
    url = category_url("accueil")
    reader_a, reader_b = client_for("referent"), client_for("other_referent")
    for client in (reader_a, reader_b):
        assert "Nouveau" in row_of(text(client.get(url)), forum.question.title)
    reader_a.get(topic_url(forum.question))
    builds.reset()
    row_a = row_of(text(reader_a.get(url)), forum.question.title)
    row_b = row_of(text(reader_b.get(url)), forum.question.title)
    assert builds["rows"] == 0  # both rows from the one fragment
    assert "Nouveau" not in row_a and "topic-row--unread" not in row_a
    assert '<span class="badge badge--new">Nouveau</span>' in row_b
    assert row_b.startswith(' topic-row--unread">')


def test_a_reply_changes_a_cached_row(client_for, forum, builds, django_capture_on_commit_callbacks):
    network = forum.network
    url = category_url("accueil")
    reader = client_for("adviser")  # the question's author, who has read the answer
    reader.get(topic_url(forum.question))
    before = row_of(text(reader.get(url)), forum.question.title)
    assert "<dd>1</dd>" in before and "non lu" not in before
    builds.reset()
    assert row_of(text(reader.get(url)), forum.question.title) == before
    assert builds["rows"] == 0

    with django_capture_on_commit_callbacks(execute=True):  # the page's « forum-activity » is renewed on commit
        response = client_for("referent").post(f"{topic_url(forum.question)}repondre/", {"body": "Une autre piste."})
    assert response.status_code == 302
    forum.question.refresh_from_db()
    after = row_of(text(reader.get(url)), forum.question.title)
    assert builds["rows"] == 1
    assert "<dd>2</dd>" in after
    assert f"par {network.referent.get_full_name()}" in after
    assert '<span class="badge badge--new">1 non lu</span>' in after
    assert f'href="{topic_url(forum.question)}#message-3"' in after
    assert forum.question.last_activity_at > forum.answer.created_at


# --- 4. names and labels ------------------------------------------------------------------------------------


def test_a_renamed_author_and_structure_show_in_cached_rows(
    client_for, forum, builds, django_capture_on_commit_callbacks
):
    network = forum.network
    url = category_url("accueil")
    reader = client_for("referent")
    assert network.adviser.get_full_name() in row_of(text(reader.get(url)), forum.question.title)
    stamp = fragments.generations("names")

    with django_capture_on_commit_callbacks(execute=True):
        network.adviser.first_name = "Gwenaëlle"
        network.adviser.save()
    assert fragments.generations("names") != stamp
    builds.reset()
    row = row_of(text(reader.get(url)), forum.question.title)
    assert builds["rows"] == 1
    assert f"<strong>Gwenaëlle {network.adviser.last_name}</strong>" in row

    with django_capture_on_commit_callbacks(execute=True):
        network.structure.name = "CIO de Rennes Centre"
        network.structure.save(update_fields=["name"])
    assert "CIO de Rennes Centre</a>" in row_of(text(reader.get(url)), forum.question.title)


def test_a_login_does_not_renew_the_names(client_for, forum, django_capture_on_commit_callbacks):
    stamp = fragments.generations("names")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Client().force_login(forum.network.adviser)
        forum.network.adviser.save(update_fields=["last_login"])
    forum.network.adviser.refresh_from_db()
    assert forum.network.adviser.last_login is not None
    assert fragments.generations("names") == stamp
    assert not callbacks
    # Whereas a name saved with update_fields does.
    with django_capture_on_commit_callbacks(execute=True):
        forum.network.adviser.last_name = "Le Goff"
        forum.network.adviser.save(update_fields=["last_name"])
    assert fragments.generations("names") != stamp


def test_a_renamed_category_and_group_show_in_cached_rows(
    client_for, forum, builds, django_capture_on_commit_callbacks
):
    url = "/communaute/mes-questions/"  # rows with their category and group
    reader = client_for("other_adviser")
    row = row_of(text(reader.get(url)), forum.group_topic.title)
    assert "· groupe Conseillers du Pays de Brest" in row
    assert "Premier accueil" not in row
    labels = fragments.generations(LABELS)

    with django_capture_on_commit_callbacks(execute=True):
        category = Category.objects.get(slug="accueil")
        category.name = "Premier accueil"
        category.save()
    assert fragments.generations(LABELS) != labels
    builds.reset()
    row = row_of(text(reader.get(url)), forum.group_topic.title)
    assert builds["rows"] == 2  # both rows: the group topic and the confidential one (another category's)
    assert '<a class="meta" href="/communaute/categories/accueil/">Premier accueil</a>' in row

    with django_capture_on_commit_callbacks(execute=True):
        forum.closed_group.name = "Conseillers de Brest et du Léon"
        forum.closed_group.save(update_fields=["name"])
    row = row_of(text(reader.get(url)), forum.group_topic.title)
    assert "· groupe Conseillers de Brest et du Léon" in row
    assert "Conseillers du Pays de Brest" not in row


def test_a_closed_account_leaves_no_name_nor_handle_in_cached_pages(
    client_for, forum, builds, django_capture_on_commit_callbacks
):
    """A post that @mentions the person is rewritten by `update()` (no edit, no new `edited_at`): the « names »
    renewal of the closure is what rebuilds it."""
    network = forum.network
    handle = network.adviser.email.split("@")[0]
    mention = factories.reply(forum.question, network.referent, body=f"Merci @{handle} pour la piste.")
    reader = client_for("other_referent")
    name = network.adviser.get_full_name()
    assert name in row_of(text(reader.get(category_url("accueil"))), forum.question.title)
    assert f"@{handle}" in article_of(text(reader.get(topic_url(forum.question))), mention)

    with django_capture_on_commit_callbacks(execute=True):
        account_close(person=network.adviser, by=network.staff)
    builds.reset()
    row = row_of(text(reader.get(category_url("accueil"))), forum.question.title)
    page = text(reader.get(topic_url(forum.question)))
    assert builds["rows"] == 1 and builds["posts"] >= 2
    assert name not in row and name not in page
    assert f"@{handle}" not in page
    network.adviser.refresh_from_db()
    assert network.adviser.former_label in article_of(page, mention)


# --- 5. the category page's count ---------------------------------------------------------------------------


def count_queries(queries):
    return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "practices_topic" in q["sql"]]


def test_a_new_topic_raises_a_cached_count(client_for, forum, django_capture_on_commit_callbacks):
    url = category_url("accueil")
    reader = client_for("adviser")
    assert topic_count_heading(reader.get(url).content.decode()) == "1 sujet"
    with CaptureQueriesContext(connection) as queries:
        assert topic_count_heading(reader.get(url).content.decode()) == "1 sujet"
    assert not count_queries(queries)  # from the cache

    with django_capture_on_commit_callbacks(execute=True):
        factories.topic(forum.network.referent, title="Orienter vers un CFA")
    with CaptureQueriesContext(connection) as queries:
        page = reader.get(url).content.decode()
    assert topic_count_heading(page) == "2 sujets"
    assert count_queries(queries)
    assert "Orienter vers un CFA" in page


def test_joining_a_closed_group_changes_what_a_member_counts_and_sees(
    client_for, forum, django_capture_on_commit_callbacks
):
    url = category_url("accueil")
    reader = client_for("adviser")
    page = reader.get(url).content.decode()
    assert topic_count_heading(page) == "1 sujet" and forum.group_topic.title not in page
    reader.get(url)

    join_request = group_services.group_request_create(group=forum.closed_group, user=forum.network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_request_accept(join_request=join_request, decided_by=forum.network.other_adviser)
    assert GroupJoinRequest.objects.get(pk=join_request.pk).status == GroupJoinRequest.Status.ACCEPTED
    page = text(reader.get(url))
    assert topic_count_heading(page) == "2 sujets"
    assert forum.group_topic.title in page

    # And leaving it takes them back.
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_leave(group=forum.closed_group, user=forum.network.adviser)
    page = text(reader.get(url))
    assert topic_count_heading(page) == "1 sujet" and forum.group_topic.title not in page


def test_a_filtered_count_follows_replies_and_solutions(client_for, forum, django_capture_on_commit_callbacks):
    """« Sans réponse » and « Résolues » depend on a topic's post count and solution, which move by `update()`."""
    network = forum.network
    with django_capture_on_commit_callbacks(execute=True):
        topic = factories.topic(network.referent, title="Orienter vers un CFA")
    reader = client_for("adviser")
    unanswered, solved = f"{category_url('accueil')}?etat=sans-reponse", f"{category_url('accueil')}?etat=resolus"
    assert topic_count_heading(reader.get(unanswered).content.decode()) == "1 sujet correspond à ce choix"
    assert topic_count_heading(reader.get(solved).content.decode()) == "0 sujets correspondent à ce choix"

    with django_capture_on_commit_callbacks(execute=True):
        answer = factories.reply(topic, network.other_adviser, body="Le CFA du secteur.")
    page = text(reader.get(unanswered))
    assert topic_count_heading(page) == "0 sujets correspondent à ce choix"
    assert "Aucun sujet ne correspond à ce choix." in page

    with django_capture_on_commit_callbacks(execute=True):
        services.solution_mark(topic=topic, post=answer, marked_by=network.referent)
    page = text(reader.get(solved))
    assert topic_count_heading(page) == "1 sujet correspond à ce choix"
    assert "Orienter vers un CFA" in page


# --- 6. a topic page --------------------------------------------------------------------------------------------


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def without_tokens(html):
    return CSRF_INPUT.sub('name="csrfmiddlewaretoken" value=""', html)


def test_each_reader_gets_their_own_csrf_token_in_cached_posts(client_for, forum, builds):
    url = topic_url(forum.question)
    first, second = client_for("referent"), client_for("referent")
    first_page = first.get(url).content.decode()
    builds.reset()
    second_page = second.get(url).content.decode()
    assert builds["posts"] == 0  # every post from the first reader's fragments

    first_secret = first.cookies[django_settings.CSRF_COOKIE_NAME].value
    second_secret = second.cookies[django_settings.CSRF_COOKIE_NAME].value
    assert first_secret != second_secret
    for page, secret, other_page in [(first_page, first_secret, second_page), (second_page, second_secret, first_page)]:
        tokens = CSRF_INPUT.findall(page)
        in_posts = CSRF_INPUT.findall(article_of(page, forum.answer))
        assert in_posts  # « Utile » is a form
        assert len(tokens) > len(in_posts)  # and the reply form
        assert all(_unmask_cipher_token(token) == secret for token in tokens)
        assert not set(tokens) & set(CSRF_INPUT.findall(other_page))
    assert "<!--slot:" not in second_page


def test_a_slot_typed_in_a_post_is_not_filled(client_for, forum):
    reply = factories.reply(forum.question, forum.network.referent, body="Voir <!--slot:csrf--> ici")
    client = client_for("other_referent")
    client.get(topic_url(forum.question))
    body = article_of(client.get(topic_url(forum.question)).content.decode(), reply).split("post__actions")[0]
    assert client.cookies[django_settings.CSRF_COOKIE_NAME].value not in body
    assert not CSRF_INPUT.search(body)


def test_an_edited_post_shows_its_new_text(client_for, forum, builds, django_capture_on_commit_callbacks):
    url = topic_url(forum.question)
    reader = client_for("referent")
    assert "Nous l'orientons vers la PSAD du secteur." in text(reader.get(url))
    with django_capture_on_commit_callbacks(execute=True):  # the page's « forum-activity » is renewed on commit
        response = client_for("other_adviser").post(
            f"/communaute/messages/{forum.answer.pk}/modifier/", {"body": "Nous l'orientons vers la Mission locale."}
        )
    assert response.status_code == 302
    builds.reset()
    page = text(reader.get(url))
    assert builds["posts"] == 1  # the edited one; the question from the cache
    answer = article_of(page, forum.answer)
    assert "Nous l'orientons vers la Mission locale." in answer and "PSAD" not in answer
    assert "modifié le" in answer


@pytest.mark.parametrize("moderator_first", [True, False])
def test_a_hidden_post_as_the_moderator_and_a_peer_see_it(client_for, forum, builds, moderator_first):
    moderation.post_hide(post=forum.answer, moderator=forum.network.regional_coordinator, reason="Propos déplacés")
    url = topic_url(forum.question)
    order = ["regional_coordinator", "referent"] if moderator_first else ["referent", "regional_coordinator"]
    pages = {persona: text(client_for(persona).get(url)) for persona in order}

    seen = article_of(pages["regional_coordinator"], forum.answer)
    assert "Ce message a été masqué par la modération : Propos déplacés." in seen
    assert "Nous l'orientons vers la PSAD du secteur." in seen
    peer = article_of(pages["referent"], forum.answer)
    assert "Ce message a été masqué par la modération." in peer
    assert "Propos déplacés" not in peer and "PSAD" not in peer

    builds.reset()
    for persona in order:  # again, from the cache: the same HTML but for the token
        again = text(client_for(persona).get(url))
        assert without_tokens(article_of(again, forum.answer)) == without_tokens(
            article_of(pages[persona], forum.answer)
        )
    assert builds["posts"] == 0


@pytest.mark.parametrize("author_first", [True, False])
def test_the_author_gets_modifier_and_a_peer_gets_signaler_and_utile(client_for, forum, builds, author_first):
    url = topic_url(forum.question)
    order = ["other_adviser", "referent"] if author_first else ["referent", "other_adviser"]
    pages = {persona: text(client_for(persona).get(url)) for persona in order}

    mine = article_of(pages["other_adviser"], forum.answer)
    assert f'href="/communaute/messages/{forum.answer.pk}/modifier/">Modifier</a>' in mine
    assert "Signaler" not in mine
    theirs = article_of(pages["referent"], forum.answer)
    assert "Modifier" not in theirs
    assert f'href="/communaute/messages/{forum.answer.pk}/signaler/">Signaler</a>' in theirs
    assert "Utile · 0</button>" in theirs

    builds.reset()
    for persona in order:
        client_for(persona).get(url)
    assert builds["posts"] == 0


# --- 7. {% shared_fragment %}, fill, renew, off ---------------------------------------------------------------


def test_the_blank_reply_form_is_shared(client_for, forum):
    key = fragments.key_of("template:reply-form", [])
    page = client_for("referent").get(topic_url(forum.question)).content.decode()
    stored = cache.get(key)
    assert stored and 'name="body"' in stored and stored in page
    cache.set(key, '<p id="from-the-cache">Le formulaire partagé</p>', timeout=60)
    forget_shared_pages()  # the page built before would not show it
    page = client_for("other_referent").get(topic_url(forum.question)).content.decode()
    assert '<p id="from-the-cache">Le formulaire partagé</p>' in page
    # A reply quoting a post starts from its own text: not the shared form.
    page = client_for("other_referent").get(f"{topic_url(forum.question)}repondre/?citer={forum.answer.pk}")
    assert "from-the-cache" not in page.content.decode()


def test_fill_replaces_each_slot_named():
    html = f"<p{fragments.slot('class')}>{fragments.slot('name')} et {fragments.slot('name')}</p>"
    filled = fragments.fill(html, name="<b>Anne</b>", **{"class": ' class="x"'})
    assert filled == '<p class="x"><b>Anne</b> et <b>Anne</b></p>'
    assert fragments.fill("<!--slot:other-->", name="x") == "<!--slot:other-->"


def test_renew_makes_a_new_key_for_the_fragments_of_that_generation(client_for, forum, builds):
    url = category_url("accueil")
    reader = client_for("referent")
    reader.get(url)
    builds.reset()
    reader.get(url)
    assert builds["rows"] == 0
    names, topics = fragments.generations("names"), fragments.generations(TOPICS)
    fragments.renew("names")
    assert fragments.generations("names") != names and fragments.generations(TOPICS) == topics
    reader.get(url)
    assert builds["rows"] == 1
    fragments.renew("unrelated")
    builds.reset()
    reader.get(url)
    assert builds["rows"] == 0


def test_nothing_is_stored_when_fragments_are_off(settings, client_for, forum, builds):
    reader = client_for("referent")
    reader.get(category_url("accueil"))
    assert fragment_keys()  # the helper finds them when they are on
    cache.clear()
    settings.FRAGMENT_CACHE_SECONDS = 0
    for url in [category_url("accueil"), topic_url(forum.question), "/communaute/", "/communaute/mes-questions/"]:
        assert reader.get(url).status_code == 200
    reader.get(category_url("accueil"))
    assert not [key for key in caches["default"]._cache if "fragment" in key]
    assert builds["rows"] >= 2 and builds["posts"] >= 2  # built on each request


# --- 8. queries -------------------------------------------------------------------------------------------------


def warm_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_warm_category_page_costs_the_same_for_1_and_50_rows(
    client_for, forum, builds, django_capture_on_commit_callbacks
):
    client, url = client_for("adviser"), category_url("accueil")
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cold = len(cold.captured_queries)  # now: the next request outside a capture clears the log it reads
    one = warm_count(client, url)
    assert one < cold
    network = forum.network
    authors = [network.referent, network.other_adviser, network.regional_coordinator]
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(49):
            topic = factories.topic(
                authors[number % 3], title=f"Sujet numéro {number}", confidential=number % 7 == 0 and number % 3 != 2
            )
            factories.reply(topic, authors[(number + 1) % 3])
    builds.reset()
    assert warm_count(client, url) == one
    assert builds["rows"] == 25  # the first page's, built once by the warming request
    assert topic_count_heading(client.get(url).content.decode()) == "50 sujets"


def test_a_warm_topic_page_costs_the_same_for_1_and_50_posts(
    client_for, forum, builds, django_capture_on_commit_callbacks
):
    network = forum.network
    client, url = client_for("adviser"), topic_url(forum.question)
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cold = len(cold.captured_queries)  # now: the next request outside a capture clears the log it reads
    one = warm_count(client, url)
    assert one < cold
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(49):
            author = [network.referent, network.other_adviser, network.territorial_coordinator][number % 3]
            post = factories.reply(forum.question, author, body=f"Réponse {number}")
            if number % 2:
                services.reaction_toggle(post=post, user=network.adviser, useful=True)
        services.read_state_advance(user=network.adviser, topic=forum.question, number=51)
    builds.reset()
    assert warm_count(client, url) == one
    assert builds["posts"] == 18  # posts 3 to 20: the question and the answer were cached
