"""Hand-edited URLs and odd submissions get a French answer, never a 500, and nothing typed is lost."""

import pytest

from practices.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Topic
from tests.utils import text

from . import factories


@pytest.mark.parametrize("page", ["abc", "0", "-3", "99999", "1.5", "", "９"])
def test_odd_page_numbers_show_a_page(client_for, forum, page):
    for url in [
        f"/communaute/categories/accueil/?page={page}",
        f"/communaute/sujets/{forum.question.pk}/?page={page}",
        f"/communaute/groupes/{forum.closed_group.slug}/?page={page}",
    ]:
        assert client_for("other_adviser").get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/communaute/sujets/99999999999999999999999999/",
        "/communaute/sujets/9223372036854775808/repondre/",
        "/communaute/messages/99999999999999999999999999/",
        "/communaute/messages/99999999999999999999999999/modifier/",
        "/communaute/messages/99999999999999999999999999/versions/",
    ],
)
def test_huge_ids_are_not_found(client_for, forum, url):
    response = client_for("regional_coordinator").get(url)
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_huge_ids_in_actions_are_not_found(client_for, forum):
    client = client_for("regional_coordinator")
    for url in [
        "/communaute/messages/99999999999999999999999999/utile/",
        "/communaute/messages/99999999999999999999999999/solution/",
        "/communaute/sujets/99999999999999999999999999/solution/retirer/",
        f"/communaute/groupes/{forum.closed_group.slug}/demandes/99999999999999999999999/",
    ]:
        assert client.post(url, {"useful": "1", "decision": "accept"}).status_code == 404, url


def test_an_unknown_filter_value_is_said_and_ignored(client_for, forum):
    response = client_for("adviser").get("/communaute/categories/accueil/?etat=tout-et-rien")
    assert response.status_code == 200
    html = text(response)
    assert "n'a pas été compris" in html and forum.question.title in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Du texte."}, "Donnez un titre à votre sujet."),
        ({"title": "   ", "body": "Du texte."}, "Donnez un titre à votre sujet."),
        ({"title": "Une question", "body": ""}, "Le message est vide"),
        ({"title": "Une question", "body": "   \n  "}, "Le message est vide"),
        ({"title": "x" * (TITLE_MAX_LENGTH + 1), "body": "Du texte."}, "Le titre est trop long"),
        ({"title": "Une question", "body": "x" * (BODY_MAX_LENGTH + 1)}, "Le message est trop long"),
        ({"title": "Une question", "body": "Du texte.", "category": "n-existe-pas"}, "Cette catégorie n'existe pas"),
        ({"title": "Une question", "body": "Du texte.", "category": ""}, "Choisissez une catégorie."),
        ({"title": "Une question", "body": "Du texte.", "tags": "x" * 300}, "Trop de mots-clés"),
    ],
)
def test_a_refused_topic_says_why_in_french_and_keeps_what_was_typed(client_for, network, data, message):
    data = {"category": "accueil", **data}
    response = client_for("adviser").post("/communaute/nouveau/", data)
    assert response.status_code == 200
    html = text(response)
    assert message in html
    assert not Topic.objects.exists()
    if data["body"].strip() and len(data["body"]) < 100:
        assert data["body"] in html


def test_a_too_long_reply_is_refused_and_kept(client_for, forum):
    body = "Réponse très détaillée. " * 1000
    response = client_for("referent").post(f"/communaute/sujets/{forum.question.pk}/repondre/", {"body": body})
    assert response.status_code == 200
    assert "Le message est trop long" in text(response)
    assert "Réponse très détaillée." in text(response)
    assert forum.question.posts.count() == 2


def test_an_empty_edit_is_refused(client_for, forum):
    response = client_for("other_adviser").post(f"/communaute/messages/{forum.answer.pk}/modifier/", {"body": ""})
    assert response.status_code == 200 and "Le message est vide" in text(response)


def test_a_reply_to_a_post_of_another_topic_is_a_plain_reply(client_for, forum):
    other = factories.topic(forum.network.referent, title="Autre sujet")
    client_for("referent").post(
        f"/communaute/sujets/{forum.question.pk}/repondre/",
        {"body": "Ma réponse.", "reply_to": other.posts.get().pk},
    )
    assert forum.question.posts.get(number=3).reply_to is None


@pytest.mark.parametrize("useful", ["", "peut-être", "2"])
def test_a_reaction_form_with_a_made_up_value_changes_nothing(client_for, forum, useful):
    response = client_for("adviser").post(
        f"/communaute/messages/{forum.answer.pk}/utile/", {"useful": useful}, follow=True
    )
    assert response.status_code == 200
    assert "n'a pas été compris" in text(response)
    assert forum.answer.reactions.count() == 0


def test_a_made_up_group_decision_is_refused(client_for, forum):
    from practices.models import GroupJoinRequest

    join_request = GroupJoinRequest.objects.create(group=forum.closed_group, user=forum.network.adviser)
    response = client_for("other_adviser").post(
        f"/communaute/groupes/{forum.closed_group.slug}/demandes/{join_request.pk}/",
        {"decision": "peut-être"},
        follow=True,
    )
    assert "Choisissez d'accepter ou de refuser" in text(response)
    join_request.refresh_from_db()
    assert join_request.status == GroupJoinRequest.Status.PENDING


def test_a_too_long_group_request_message_is_refused(client_for, forum):
    response = client_for("adviser").post(
        f"/communaute/groupes/{forum.closed_group.slug}/rejoindre/", {"message": "x" * 600}, follow=True
    )
    assert "trop long" in text(response)
    assert not forum.closed_group.join_requests.exists()


def test_suggestions_with_an_empty_or_huge_title(client_for, forum):
    client = client_for("adviser")
    assert client.get("/communaute/suggestions/").status_code == 200
    assert client.get("/communaute/suggestions/", {"title": "é" * 5000}).status_code == 200
