"""Reports and moderation: anyone reports, coordinators hide, restore, lock, pin and move; nothing is deleted."""

import pytest

from members.actor import build_actor
from practices.models import Category, ModerationAction, Post, Report, Topic
from practices.portal import PracticesOffer
from practices.services import moderation as services
from tests.utils import assert_status, persona_row, text

from . import factories

COORDINATORS = persona_row(403, territorial_coordinator=200, regional_coordinator=200)
COORDINATORS_ACT = persona_row(403, territorial_coordinator=302, regional_coordinator=302)


def report(forum, reporter=None, post=None, reason="Propos déplacés"):
    return services.report_create(post=post or forum.answer, reporter=reporter or forum.network.adviser, reason=reason)


@pytest.mark.parametrize(("persona", "expected"), persona_row(200, other_adviser=403, staff=403).items())
def test_report_page_matrix(client_for, forum, persona, expected):
    assert_status(client_for(persona).get(f"/communaute/messages/{forum.answer.pk}/signaler/"), expected)


def test_a_report_reaches_the_queue_once_per_person(client_for, forum):
    client = client_for("adviser")
    url = f"/communaute/messages/{forum.answer.pk}/signaler/"
    response = client.post(url, {"reason": "Des données personnelles d'un jeune"}, follow=True)
    assert "Merci : la modération va examiner ce message." in text(response)
    response = client.post(url, {"reason": "Encore"}, follow=True)
    assert "Vous avez déjà signalé ce message" in text(response)
    assert Report.objects.count() == 1


@pytest.mark.parametrize(("reason", "says"), [("", "Dites en quelques mots"), ("x" * 501, "Le motif est trop long")])
def test_a_bad_reason_is_a_french_message(client_for, forum, reason, says):
    response = client_for("adviser").post(f"/communaute/messages/{forum.answer.pk}/signaler/", {"reason": reason})
    assert response.status_code == 200
    assert says in text(response)
    assert not Report.objects.exists()


def test_a_post_of_a_closed_group_cannot_be_reported_from_outside(client_for, forum):
    response = client_for("adviser").post(f"/communaute/messages/{forum.group_post.pk}/signaler/", {"reason": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize(("persona", "expected"), COORDINATORS.items())
def test_queue_matrix(client_for, forum, persona, expected):
    assert_status(client_for(persona).get("/coordination/moderation/"), expected)


@pytest.mark.parametrize(("persona", "expected"), COORDINATORS_ACT.items())
def test_hide_matrix(client_for, forum, persona, expected):
    response = client_for(persona).post(
        f"/coordination/moderation/messages/{forum.answer.pk}/masquer/", {"reason": "x"}
    )
    assert_status(response, expected)


def test_hiding_from_the_queue_keeps_the_post_and_tells_its_author_why(client_for, forum):
    report(forum)
    client = client_for("regional_coordinator")
    queue = text(client.get("/coordination/moderation/"))
    assert "1 message signalé" in queue and "Propos déplacés" in queue
    response = client.post(
        f"/coordination/moderation/messages/{forum.answer.pk}/masquer/",
        {"reason": "Nom d'un jeune cité", "from": "queue"},
        follow=True,
    )
    assert "Le message est masqué" in text(response)
    assert "Aucun message signalé" in text(response)
    post = Post.objects.get(pk=forum.answer.pk)
    assert post.is_hidden and post.hidden_reason == "Nom d'un jeune cité" and post.body
    assert Report.objects.get().status == Report.Status.RESOLVED
    assert ModerationAction.objects.get().kind == "hide"
    topic_url = f"/communaute/sujets/{forum.question.pk}/"
    assert "Nom d'un jeune cité" in text(client_for("other_adviser").get(topic_url))
    peer_page = text(client_for("referent").get(topic_url))
    assert "Ce message a été masqué par la modération." in peer_page
    assert "Nom d'un jeune cité" not in peer_page and "PSAD" not in peer_page


def test_hiding_needs_a_reason(client_for, forum):
    response = client_for("regional_coordinator").post(
        f"/coordination/moderation/messages/{forum.answer.pk}/masquer/", {"reason": ""}, follow=True
    )
    assert "Donnez le motif du masquage." in text(response)
    assert not Post.objects.get(pk=forum.answer.pk).is_hidden


def test_restore_and_dismiss(client_for, forum):
    coordinator = forum.network.regional_coordinator
    services.post_hide(post=forum.answer, moderator=coordinator, reason="Erreur")
    client = client_for("regional_coordinator")
    client.post(f"/coordination/moderation/messages/{forum.answer.pk}/retablir/")
    assert not Post.objects.get(pk=forum.answer.pk).is_hidden
    response = client.post(f"/coordination/moderation/messages/{forum.answer.pk}/retablir/", follow=True)
    assert "Ce message n'est pas masqué." in text(response)
    open_report = report(forum)
    client.post(f"/coordination/moderation/signalements/{open_report.pk}/classer/")
    assert Report.objects.get().status == Report.Status.DISMISSED
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == ["dismiss", "restore", "hide"]


def test_hiding_the_solution_unmarks_it(forum):
    from practices.services.forum import solution_mark

    solution_mark(topic=forum.question, post=forum.answer, marked_by=forum.network.adviser)
    services.post_hide(post=forum.answer, moderator=forum.network.regional_coordinator, reason="Erreur")
    assert Topic.objects.get(pk=forum.question.pk).solution is None


def test_lock_pin_and_move_a_topic(client_for, forum):
    client = client_for("territorial_coordinator")
    url = f"/coordination/moderation/sujets/{forum.question.pk}/"
    client.post(url, {"action": "lock"})
    client.post(url, {"action": "pin"})
    topic = Topic.objects.get(pk=forum.question.pk)
    assert topic.is_locked and topic.is_pinned
    response = client.post(url, {"action": "delete"}, follow=True)
    assert "Cette action n'existe pas." in text(response)
    accueil, outils = Category.objects.get(slug="accueil"), factories.category("outils")
    before = (accueil.topic_count, outils.topic_count)
    response = client.post(f"{url}deplacer/", {"category": outils.pk}, follow=True)
    assert "Le sujet est déplacé" in text(response)
    accueil.refresh_from_db()
    outils.refresh_from_db()
    assert (accueil.topic_count, outils.topic_count) == (before[0] - 1, before[1] + 1)
    assert outils.post_count == 2 and outils.last_topic_id == topic.pk
    response = client.post(f"{url}deplacer/", {"category": outils.pk}, follow=True)
    assert "Le sujet est déjà dans cette catégorie." in text(response)
    response = client.post(f"{url}deplacer/", {"category": "99999999999999999999999"}, follow=True)
    assert "Cette catégorie n'existe pas." in text(response)
    assert ModerationAction.objects.get(kind="move").detail == f"Accueil → {outils.name}"


def test_a_peer_cannot_moderate_a_topic(client_for, forum):
    response = client_for("adviser").post(f"/coordination/moderation/sujets/{forum.question.pk}/", {"action": "lock"})
    assert response.status_code == 403
    assert not Topic.objects.get(pk=forum.question.pk).is_locked


def test_the_topic_page_offers_moderation_to_coordinators_only(client_for, forum):
    url = f"/communaute/sujets/{forum.question.pk}/"
    assert "Modérer ce sujet" in text(client_for("regional_coordinator").get(url))
    peer = text(client_for("referent").get(url))
    assert "Modérer ce sujet" not in peer and "Signaler" in peer


def test_the_coordination_menu_counts_the_reported_posts(forum):
    report(forum)
    report(forum, reporter=forum.network.referent)
    menu = PracticesOffer().coordination_menu(build_actor(forum.network.regional_coordinator))
    assert [(link.label, link.count) for link in menu] == [("Modération du forum", 1)]
    assert PracticesOffer().coordination_menu(build_actor(forum.network.adviser)) == []


def test_queue_queries(client_for, forum, assert_same_query_count):
    report(forum)

    def add_rows():
        for number in range(49):
            post = factories.reply(forum.question, forum.network.referent, body=f"Réponse {number}")
            report(forum, post=post)

    assert_same_query_count(client_for("regional_coordinator"), "/coordination/moderation/", add_rows, warm=True)
