"""The header's count of unread notifications kept in the cache (UNREAD_COUNT_CACHE_SECONDS): read once, then from
the cache, and right again after every new notification or read one."""

import pytest
from django.core.cache import cache

from members.actor import build_actor
from practices.models import Notification
from practices.permissions.notifications import unread_count
from practices.services import notifications as services

from . import factories


@pytest.fixture(autouse=True)
def count_cache(settings):
    settings.UNREAD_COUNT_CACHE_SECONDS = 120
    cache.clear()
    yield
    cache.clear()


def header_count(client):
    """The figure beside « Communauté » in the main navigation, or 0."""
    nav = client.get("/communaute/groupes/").content.decode().split('aria-label="Navigation principale"')[1]
    nav = nav.split("</nav>")[0]
    if 'class="nav-count"' not in nav:
        return 0
    return int(nav.split('class="nav-count">')[1].split("<")[0])


def test_the_count_is_read_once_then_from_the_cache(forum, django_assert_num_queries):
    actor = build_actor(forum.network.adviser)
    assert unread_count(actor) == 0
    with django_assert_num_queries(0):
        assert unread_count(actor) == 0


def test_a_new_reply_a_reaction_and_a_solution_show_at_once(client_for, forum):
    network = forum.network
    client = client_for("adviser")  # the question's author
    assert header_count(client) == 0
    reply = factories.reply(forum.question, network.referent, body="Une autre piste.")
    services.notify_post(reply, send_emails=False, concerned={network.adviser.pk: Notification.Kind.REPLY})
    assert header_count(client) == 1
    question_post = forum.question.posts.get(number=1)
    services.notify_reaction(post=question_post, user=network.referent)
    assert header_count(client) == 2
    services.notify_solution(topic=forum.question, post=reply, marked_by=network.referent)
    assert header_count(client) == 3


def test_reading_one_or_all_shows_at_once(client_for, forum):
    network = forum.network
    client = client_for("adviser")
    for _ in range(3):
        services.notify_post(forum.answer, send_emails=False, concerned={network.adviser.pk: Notification.Kind.REPLY})
    assert header_count(client) == 3
    first = Notification.objects.filter(recipient=network.adviser).first()
    client.post(f"/communaute/notifications/{first.pk}/")
    assert header_count(client) == 2
    client.post("/communaute/notifications/tout-lu/")
    assert header_count(client) == 0
