"""The watching forms, the notifications page and the unread count given to the header."""

import pytest

from members.actor import build_actor
from practices.models import Notification, Subscription
from practices.portal import PracticesOffer
from tests.utils import LOGIN, assert_status, persona_row, text

from . import factories

MEMBERS = persona_row(200, staff=403)
WATCH = persona_row(302, staff=403)


def notify(recipient, topic, kind=Notification.Kind.REPLY, label="Camille Martin", post=None):
    return Notification.objects.create(
        recipient=recipient, kind=kind, topic=topic, post=post or topic.last_post, actor_label=label
    )


@pytest.mark.parametrize(("persona", "expected"), MEMBERS.items())
def test_notifications_page_matrix(client_for, forum, persona, expected):
    assert_status(client_for(persona).get("/communaute/notifications/"), expected)


@pytest.mark.parametrize(("persona", "expected"), WATCH.items())
def test_watch_a_category_matrix(client_for, forum, persona, expected):
    response = client_for(persona).post("/communaute/categories/accueil/suivi/", {"level": "watching"})
    assert_status(response, expected)


@pytest.mark.parametrize(
    ("persona", "expected"),
    persona_row(404, other_adviser=302, territorial_coordinator=302, regional_coordinator=302, staff=403).items(),
)
def test_only_readers_of_a_closed_group_watch_it_or_its_topics(client_for, forum, persona, expected):
    client = client_for(persona)
    assert_status(client.post(f"/communaute/groupes/{forum.closed_group.slug}/suivi/", {"level": "watching"}), expected)
    assert_status(client.post(f"/communaute/sujets/{forum.group_topic.pk}/suivi/", {"level": "muted"}), expected)


def test_watching_a_category_is_one_row_changed_in_place(client_for, forum):
    client = client_for("adviser")
    response = client.post("/communaute/categories/accueil/suivi/", {"level": "watching"}, follow=True)
    assert "Vous suivez cette catégorie" in text(response)
    client.post("/communaute/categories/accueil/suivi/", {"level": "muted"})
    subscription = Subscription.objects.get(user=forum.network.adviser, category__slug="accueil")
    assert subscription.level == "muted"


def test_the_watch_box_shows_the_current_level(client_for, forum):
    page = text(client_for("adviser").get(f"/communaute/sujets/{forum.question.pk}/"))
    assert '<option value="watching" selected>Suivre</option>' in page
    group_page = text(client_for("referent").get(f"/communaute/groupes/{forum.open_group.slug}/"))
    assert "Suivre ce groupe" in group_page


@pytest.mark.parametrize("level", ["", "toujours", "x" * 5000])
def test_a_bad_level_is_a_french_message(client_for, forum, level):
    response = client_for("adviser").post("/communaute/categories/accueil/suivi/", {"level": level}, follow=True)
    assert response.status_code == 200
    assert "Ce choix de suivi n'existe pas." in text(response) or "Choisissez comment suivre." in text(response)
    assert not Subscription.objects.filter(category__isnull=False).exists()


def test_watching_is_post_only(client_for, forum):
    assert client_for("adviser").get("/communaute/categories/accueil/suivi/").status_code == 405


def test_the_page_lists_notifications_and_marks_them_read(client_for, forum):
    network = forum.network
    notify(network.adviser, forum.question)
    notify(network.adviser, forum.question, kind=Notification.Kind.REACTION)
    client = client_for("adviser")
    page = text(client.get("/communaute/notifications/"))
    assert "Camille Martin a répondu dans" in page
    assert "Camille Martin trouve utile votre message dans" in page
    assert "2 non lues" in page
    response = client.post("/communaute/notifications/tout-lu/", follow=True)
    assert "Toutes vos notifications sont lues." in text(response)
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_opening_a_notification_reads_it_and_goes_to_the_post(client_for, forum):
    notification = notify(forum.network.adviser, forum.question, post=forum.answer)
    response = client_for("adviser").post(f"/communaute/notifications/{notification.pk}/")
    assert response["Location"].endswith("#message-2")
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("pk", ["1", "99999999999999999999999"])
def test_someone_elses_or_a_missing_notification_is_not_found(client_for, forum, pk):
    notification = notify(forum.network.referent, forum.question)
    pk = notification.pk if pk == "1" else pk
    response = client_for("adviser").post(f"/communaute/notifications/{pk}/")
    assert response.status_code == 404


def test_a_closed_group_notification_disappears_for_someone_who_left(client_for, forum):
    notify(forum.network.adviser, forum.group_topic)
    assert "Préparer la réunion" not in text(client_for("adviser").get("/communaute/notifications/"))


def test_the_unread_count_goes_to_the_communaute_link(forum, django_assert_num_queries):
    network = forum.network
    actor = build_actor(network.adviser)
    offer = PracticesOffer()
    assert offer.navigation(actor)[0].count is None
    notify(network.adviser, forum.question)
    notify(network.adviser, forum.question)
    with django_assert_num_queries(1):
        link = offer.navigation(actor)[0]
    assert (link.label, link.count) == ("Communauté", 2)


def test_notifications_page_queries(client_for, forum, assert_same_query_count):
    network = forum.network
    notify(network.adviser, forum.question)

    def add_rows():
        for number in range(49):
            topic = factories.topic(network.referent, title=f"Sujet {number}")
            notify(network.adviser, topic, kind=Notification.Kind.NEW_TOPIC)

    response = assert_same_query_count(client_for("adviser"), "/communaute/notifications/", add_rows, warm=True)
    assert "Sujet 48" in text(response)


@pytest.mark.parametrize("page", ["x", "0", "99999", "-1"])
def test_a_bad_page_number_is_not_an_error(client_for, forum, page):
    assert client_for("adviser").get(f"/communaute/notifications/?page={page}").status_code == 200


def test_anonymous_is_sent_to_login(client):
    assert_status(client.get("/communaute/notifications/"), LOGIN)


def test_the_main_menu_shows_the_unread_count(client_for, network):
    notify(network.adviser, factories.topic(network.other_adviser))
    html = text(client_for("adviser").get("/annuaire/"))
    assert '<span class="nav-count">1<span class="visually-hidden"> notification non lue</span></span>' in html
