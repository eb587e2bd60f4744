"""A question « au nom de ma structure »: peers read « un·e conseiller·e d'une Mission locale », never the author's
name, on any page; coordinators (and the author) see who wrote it."""

import pytest

from tests.utils import text

from . import factories

PEERS = ["adviser", "referent"]
WHO_KNOW = ["other_adviser", "territorial_coordinator", "regional_coordinator"]


def pages_showing(forum):
    topic = forum.confidential
    return [
        "/communaute/",
        f"/communaute/categories/{topic.category.slug}/",
        f"/communaute/sujets/{topic.pk}/",
        "/communaute/suggestions/?title=d%C3%A9lais+rendez-vous",
    ]


def author_marks(network):
    author = network.other_adviser
    return [author.last_name, author.email, author.get_full_name()]


@pytest.mark.parametrize("persona", PEERS)
def test_peers_never_get_the_confidential_authors_name(client_for, forum, persona):
    # The author's own answer elsewhere is named (index, « dernières discussions »): the index is left out.
    client = client_for(persona)
    for url in pages_showing(forum)[1:]:
        html = text(client.get(url))
        for mark in author_marks(forum.network):
            assert mark not in html, (url, mark)
    topic_html = text(client.get(f"/communaute/sujets/{forum.confidential.pk}/"))
    assert "un·e conseiller·e d'une Mission locale" in topic_html
    assert "Mission locale du Pays de Brest" not in topic_html


@pytest.mark.parametrize("persona", WHO_KNOW)
def test_coordinators_and_the_author_see_who_wrote_it(client_for, forum, persona):
    html = text(client_for(persona).get(f"/communaute/sujets/{forum.confidential.pk}/"))
    assert forum.network.other_adviser.get_full_name() in html
    assert "publié au nom de" in html


def test_the_authors_replies_in_their_confidential_topic_stay_unnamed(client_for, forum):
    factories.reply(forum.confidential, forum.network.other_adviser, body="Merci, je précise notre contexte.")
    factories.reply(forum.confidential, forum.network.adviser, body="Chez nous, des créneaux sans rendez-vous.")
    html = text(client_for("referent").get(f"/communaute/sujets/{forum.confidential.pk}/"))
    assert forum.network.other_adviser.last_name not in html
    assert html.count("un·e conseiller·e d'une Mission locale") >= 2
    assert forum.network.adviser.get_full_name() in html  # the other replier is named as usual


def test_a_quote_of_a_confidential_post_carries_the_masked_label_even_for_a_coordinator(client_for, forum):
    first = forum.confidential.posts.get(number=1)
    html = text(
        client_for("regional_coordinator").get(f"/communaute/sujets/{forum.confidential.pk}/repondre/?citer={first.pk}")
    )
    assert "> **un·e conseiller·e d'une Mission locale** a écrit :" in html
    assert f"**{forum.network.other_adviser.get_full_name()}**" not in html


def test_the_latest_reply_by_a_confidential_author_is_masked_in_lists(client_for, forum):
    factories.reply(forum.confidential, forum.network.adviser, body="Une idée.")
    factories.reply(forum.confidential, forum.network.other_adviser, body="Merci.")
    html = text(client_for("adviser").get(f"/communaute/categories/{forum.confidential.category.slug}/"))
    assert forum.network.other_adviser.last_name not in html


def test_a_coordinator_without_structure_cannot_post_confidentially(client_for, forum):
    html = text(client_for("regional_coordinator").get("/communaute/nouveau/"))
    assert "Publier au nom de ma structure" not in html
    assert "Publier au nom de ma structure" in text(client_for("adviser").get("/communaute/nouveau/"))
