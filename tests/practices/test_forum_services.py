"""The forum's writes: counters moved in the database, post numbers, revisions, reactions, groups; two people
replying at once both keep their post."""

import threading

import pytest
from django.db import close_old_connections, connection

from practices.models import Category, GroupJoinRequest, GroupMembership, Post, Topic
from practices.services import ServiceError
from practices.services import forum as services
from practices.services import groups as group_services

from . import factories


def test_normalize_tags():
    assert services.normalize_tags(" VAE,  Décrochage ,vae,, un  mot ") == "vae,décrochage,un mot"
    assert services.normalize_tags("a,b,c,d,e,f,g") == "a,b,c,d,e"


def test_counters_follow_topics_and_replies(forum):
    accueil = Category.objects.get(slug="accueil")
    assert (accueil.topic_count, accueil.post_count, accueil.last_topic_id) == (1, 2, forum.question.pk)
    factories.reply(forum.question, forum.network.referent)
    topic = Topic.objects.get(pk=forum.question.pk)
    assert topic.post_count == 3 and topic.reply_count == 2
    assert list(topic.posts.values_list("number", flat=True)) == [1, 2, 3]
    assert Category.objects.get(slug="accueil").post_count == 3


def test_a_closed_groups_topics_are_not_counted_in_the_category_everyone_sees(forum):
    accueil = Category.objects.get(slug="accueil")
    assert accueil.topic_count == 1  # the group topic is in « accueil » too, but closed
    assert accueil.last_topic_id == forum.question.pk


def test_replies_from_stale_copies_of_a_topic_both_count(forum):
    """Two requests that loaded the topic at the same moment each add their post: no count is read-modify-written."""
    first_copy = Topic.objects.get(pk=forum.question.pk)
    second_copy = Topic.objects.get(pk=forum.question.pk)
    services.post_create(topic=first_copy, author=forum.network.referent, structure=None, body="Un.")
    services.post_create(topic=second_copy, author=forum.network.adviser, structure=None, body="Deux.")
    topic = Topic.objects.get(pk=forum.question.pk)
    assert topic.post_count == 4
    assert sorted(topic.posts.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert topic.last_post.body == "Deux."


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="vraies transactions concurrentes : PostgreSQL (CI)")
def test_two_people_replying_at_once_both_keep_their_post(network):
    topic = factories.topic(network.adviser)
    barrier = threading.Barrier(2)
    errors = []

    def reply(user, body):
        try:
            barrier.wait(timeout=10)
            services.post_create(topic=Topic.objects.get(pk=topic.pk), author=user, structure=None, body=body)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=reply, args=(network.referent, "Première réponse.")),
        threading.Thread(target=reply, args=(network.other_adviser, "Seconde réponse.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    topic.refresh_from_db()
    assert topic.post_count == 3
    assert sorted(Post.objects.filter(topic=topic).values_list("number", flat=True)) == [1, 2, 3]
    assert Category.objects.get(pk=topic.category_id).post_count == 3


def test_the_body_is_rendered_once_at_save(forum):
    post = services.post_create(topic=forum.question, author=forum.network.referent, structure=None, body="**Oui**")
    assert post.body_html == "<p><strong>Oui</strong></p>"


def test_editing_without_change_keeps_no_revision(forum):
    services.post_edit(post=forum.answer, body=forum.answer.body, edited_by=forum.network.other_adviser)
    assert not forum.answer.revisions.exists()
    assert Post.objects.get(pk=forum.answer.pk).edited_at is None


def test_two_edits_keep_both_earlier_texts(forum):
    services.post_edit(post=forum.answer, body="Deuxième.", edited_by=forum.network.other_adviser)
    services.post_edit(post=forum.answer, body="Troisième.", edited_by=forum.network.regional_coordinator)
    assert list(forum.answer.revisions.order_by("pk").values_list("body", flat=True)) == [
        "Nous l'orientons vers la PSAD du secteur.",
        "Deuxième.",
    ]


def test_reactions_toggle_and_count(forum):
    user = forum.network.adviser
    assert services.reaction_toggle(post=forum.answer, user=user) == (True, 1)
    assert services.reaction_toggle(post=forum.answer, user=user, useful=True) == (True, 1)
    assert services.reaction_toggle(post=forum.answer, user=forum.network.referent) == (True, 2)
    assert services.reaction_toggle(post=forum.answer, user=user) == (False, 1)
    assert services.reaction_toggle(post=forum.answer, user=user, useful=False) == (False, 1)


def test_a_confidential_topic_needs_a_structure(forum):
    with pytest.raises(ServiceError, match="au nom de sa structure"):
        factories.topic(forum.network.regional_coordinator, confidential=True)


def test_solution_must_be_an_answer_of_the_topic(forum):
    other = factories.topic(forum.network.referent, title="Autre")
    with pytest.raises(ServiceError):
        services.solution_mark(topic=other, post=forum.answer, marked_by=forum.network.referent)
    with pytest.raises(ServiceError):
        services.solution_mark(topic=forum.question, post=forum.first_post, marked_by=forum.network.adviser)


def test_read_marker_only_moves_forward(forum):
    user = forum.network.referent
    services.read_state_advance(user=user, topic=forum.question, number=2)
    services.read_state_advance(user=user, topic=forum.question, number=1)
    assert user.forum_read_states.get().last_read_number == 2


def test_joining_and_requests(forum):
    adviser, other = forum.network.adviser, forum.network.other_adviser
    group_services.group_join(group=forum.open_group, user=adviser)
    group_services.group_join(group=forum.open_group, user=adviser)
    forum.open_group.refresh_from_db()
    assert forum.open_group.member_count == 1
    join_request = group_services.group_request_create(group=forum.closed_group, user=adviser, message="Bonjour")
    with pytest.raises(ServiceError, match="déjà en attente"):
        group_services.group_request_create(group=forum.closed_group, user=adviser)
    group_services.group_request_accept(join_request=join_request, decided_by=other)
    assert GroupMembership.objects.filter(group=forum.closed_group, user=adviser).exists()
    with pytest.raises(ServiceError, match="déjà été traitée"):
        group_services.group_request_refuse(join_request=join_request, decided_by=other)
    assert GroupJoinRequest.objects.get(pk=join_request.pk).status == GroupJoinRequest.Status.ACCEPTED
    group_services.group_leave(group=forum.closed_group, user=adviser)
    forum.closed_group.refresh_from_db()
    assert forum.closed_group.member_count == 1
