"""Watching, notifications and the forum's immediate e-mails.

One task per new post (practices.tasks.notify_post, run after commit) tells each person concerned once: a mention
wins over a reply or a new topic. Nobody is told of their own post, nor of a topic they may not read (a closed
group's outsiders). E-mails are throttled per person and topic: when someone was e-mailed about a topic less than
THROTTLE_MINUTES ago and has not opened it since, the next posts only add lines to their notifications page.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from members.actor import build_actor

from .. import emails
from ..mentions import handles_in, mentioned_people
from ..models import Notification, Subscription, TopicReadState
from ..notifications import wants_email
from ..permissions import forum as permissions
from ..permissions.notifications import unread_count_key

THROTTLE_MINUTES = 30
EMAILED_KINDS = {Notification.Kind.MENTION, Notification.Kind.REPLY, Notification.Kind.NEW_TOPIC}
Level = Subscription.Level
# Off while seed_demo writes its discussions: their notifications are written, no e-mail goes out.
_SEND_EMAILS = ContextVar("forum_send_emails", default=True)


@contextmanager
def emails_off():
    token = _SEND_EMAILS.set(False)
    try:
        yield
    finally:
        _SEND_EMAILS.reset(token)


def _target(*, category=None, topic=None, working_group=None):
    targets = {"category": category, "topic": topic, "working_group": working_group}
    given = {name: value for name, value in targets.items() if value is not None}
    if len(given) != 1:
        raise ValueError("Un abonnement porte sur une seule chose : une catégorie, un sujet ou un groupe.")
    return given


def subscription_set(*, user, level, **target):
    """How closely this person follows one target; one row per person and target, changed in place."""
    Subscription.objects.update_or_create(user=user, **_target(**target), defaults={"level": level})


def level_of(user, **target):
    found = Subscription.objects.filter(user=user, **_target(**target)).values_list("level", flat=True).first()
    return found or Level.NORMAL


def _watchers(**target):
    return set(Subscription.objects.filter(level=Level.WATCHING, **target).values_list("user_id", flat=True))


def _muted(**target):
    return set(Subscription.objects.filter(level=Level.MUTED, **target).values_list("user_id", flat=True))


def recipients_of(post):
    """{user id: kind} of the people a new post concerns, before the check of who may read the topic."""
    topic = post.topic
    concerned = {}
    if post.number == 1:
        watchers = _watchers(category=topic.category_id) - _muted(category=topic.category_id)
        if topic.working_group_id:
            group = {"working_group": topic.working_group_id}
            watchers = (watchers | _watchers(**group)) - _muted(**group)
        concerned = dict.fromkeys(watchers, Notification.Kind.NEW_TOPIC)
    else:
        concerned = dict.fromkeys(_watchers(topic=topic.pk), Notification.Kind.REPLY)
    for person in mentioned_people(post.body):
        concerned[person.pk] = Notification.Kind.MENTION  # a mention reaches even a muted topic: it is addressed
    concerned.pop(post.author_id, None)
    return concerned


def newly_mentioned(post, previous_body):
    """{user id: MENTION} of the people an edit adds a mention of, who were not told of this post yet."""
    before = {person.pk for person in mentioned_people(previous_body)}
    added = {person.pk for person in mentioned_people(post.body)} - before - {post.author_id}
    already = set(
        Notification.objects.filter(post=post, recipient_id__in=added, kind=Notification.Kind.MENTION).values_list(
            "recipient_id", flat=True
        )
    )
    return dict.fromkeys(added - already, Notification.Kind.MENTION)


def forget_unread_counts(user_pks):
    """The header's cached counts of these people are stale: now, and again once committed (a request that counted
    the old rows in between must not keep them)."""
    if settings.UNREAD_COUNT_CACHE_SECONDS <= 0:
        return
    keys = [unread_count_key(pk) for pk in set(user_pks)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def notify_post(post, *, send_emails=True, concerned=None):
    """Write the notifications of a new post (or those `concerned` gives, for an edit) and send the e-mails they
    call for."""
    topic = post.topic
    concerned = recipients_of(post) if concerned is None else concerned
    people = get_user_model().objects.filter(pk__in=concerned, is_active=True)
    notifications = []
    for person in people:
        actor = build_actor(person)
        if not permissions.topics_visible_to(actor).filter(pk=topic.pk).exists():
            continue
        notifications.append(
            Notification(
                recipient=person,
                kind=concerned[person.pk],
                topic=topic,
                post=post,
                actor=post.author,
                actor_label=permissions.author_label(actor, post).name,
            )
        )
    Notification.objects.bulk_create(notifications)
    forget_unread_counts(notification.recipient_id for notification in notifications)
    for notification in notifications:
        if not send_emails:
            break
        if notification.kind in EMAILED_KINDS and wants_email(notification.recipient, notification.kind):
            if not _recently_emailed(notification.recipient, topic):
                emails.send_forum_notification(notification)
                Notification.objects.filter(recipient=notification.recipient, topic=topic, post=post).update(
                    emailed_at=timezone.now()
                )
    return notifications


def _recently_emailed(user, topic):
    """E-mailed about this topic within THROTTLE_MINUTES and not back on it since."""
    since = timezone.now() - timedelta(minutes=THROTTLE_MINUTES)
    last = (
        Notification.objects.filter(recipient=user, topic=topic, emailed_at__gte=since)
        .order_by("-emailed_at")
        .values_list("emailed_at", flat=True)
        .first()
    )
    if last is None:
        return False
    visited = TopicReadState.objects.filter(user=user, topic=topic, updated_at__gt=last).exists()
    return not visited


def _label_of(recipient, user, topic):
    """The name of someone who acted in a topic, as `recipient` may read it: a confidential topic's author acting
    in it stays unnamed to peers."""
    if topic.is_confidential and user.pk == topic.author_id:
        return permissions.author_label(build_actor(recipient), topic).name
    return user.get_full_name() or "Membre du réseau"


def notify_solution(*, topic, post, marked_by):
    """The author of the chosen answer, and the question's author when someone else chose it."""
    rows = []
    for recipient in {post.author, topic.author}:
        if recipient.pk != marked_by.pk:
            rows.append(
                Notification(
                    recipient=recipient,
                    kind=Notification.Kind.SOLUTION,
                    topic=topic,
                    post=post,
                    actor=marked_by,
                    actor_label=_label_of(recipient, marked_by, topic),
                )
            )
    Notification.objects.bulk_create(rows)
    forget_unread_counts(row.recipient_id for row in rows)


def notify_reaction(*, post, user):
    """« Utile » tells the post's author once per person and post (taking it back and again adds nothing)."""
    topic = post.topic
    exists = Notification.objects.filter(
        recipient_id=post.author_id, kind=Notification.Kind.REACTION, post=post, actor=user
    ).exists()
    if not exists:
        Notification.objects.create(
            recipient_id=post.author_id,
            kind=Notification.Kind.REACTION,
            topic=topic,
            post=post,
            actor=user,
            actor_label=_label_of(post.author, user, topic),
        )
        forget_unread_counts([post.author_id])


def after_commit_notify_post(post):
    from .. import tasks  # the tasks module imports the services: imported late to avoid the cycle

    send_emails = _SEND_EMAILS.get()  # read now: the task runs after commit, outside the caller's context
    transaction.on_commit(lambda: tasks.notify_post.delay(post.pk, send_emails))


def after_commit_notify_mentions(post, previous_body):
    """An edit that adds « @someone » tells that person, once, like a mention in a new post."""
    from .. import tasks

    if not handles_in(post.body):
        return
    send_emails = _SEND_EMAILS.get()
    transaction.on_commit(lambda: tasks.notify_mentions_added.delay(post.pk, previous_body, send_emails))


def mark_all_read(*, user):
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread_counts([user.pk])
    return marked


def mark_read(*, notification):
    """Opening one notification (a POST: a GET writes nothing but the reader's marker)."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread_counts([notification.recipient_id])
