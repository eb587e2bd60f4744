"""Reports and moderation. Nothing is deleted: a hidden post keeps its text (its author and the moderators still
read it, with the reason), and every action leaves a ModerationAction row."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from spro_portal import fragments

from ..models import Category, ModerationAction, Post, Report, Topic
from ..models.moderation import REASON_MAX_LENGTH
from ..signals import TOPICS
from . import ServiceError
from .search import search_vectors_update

Kind = ModerationAction.Kind


def _check_reason(reason, *, required_message):
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(required_message)
    if len(reason) > REASON_MAX_LENGTH:
        raise ServiceError(f"Le motif est trop long ({REASON_MAX_LENGTH} caractères au plus).")
    return reason


def report_create(*, post, reporter, reason):
    reason = _check_reason(reason, required_message="Dites en quelques mots ce qui ne va pas dans ce message.")
    try:
        with transaction.atomic():
            return Report.objects.create(post=post, reporter=reporter, reason=reason)
    except IntegrityError:
        raise ServiceError("Vous avez déjà signalé ce message : la modération va s'en occuper.") from None


def _close_reports(post, *, status, by):
    return Report.objects.filter(post=post, status=Report.Status.OPEN).update(
        status=status, closed_by=by, closed_at=timezone.now()
    )


def post_hide(*, post, moderator, reason):
    """Hide a post from peers; its author reads it with the reason. Closes the post's open reports."""
    reason = _check_reason(reason, required_message="Donnez le motif du masquage : il est montré à l'auteur·rice.")
    if post.is_hidden:
        raise ServiceError("Ce message est déjà masqué.")
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(
            is_hidden=True, hidden_reason=reason, hidden_by=moderator, hidden_at=timezone.now()
        )
        if post.topic.solution_id == post.pk:
            Topic.objects.filter(pk=post.topic_id).update(solution=None)
        _close_reports(post, status=Report.Status.RESOLVED, by=moderator)
        _opening_post_changed(post)
        ModerationAction.objects.create(
            kind=Kind.HIDE, topic_id=post.topic_id, post=post, moderator=moderator, reason=reason
        )


def _opening_post_changed(post):
    """A topic is found by its opening post's words only while that post is shown."""
    if post.number == 1:
        search_vectors_update(topic_ids=[post.topic_id])


def post_restore(*, post, moderator):
    if not post.is_hidden:
        raise ServiceError("Ce message n'est pas masqué.")
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_hidden=False, hidden_reason="", hidden_by=None, hidden_at=None)
        _opening_post_changed(post)
        ModerationAction.objects.create(
            kind=Kind.RESTORE, topic_id=post.topic_id, post=post, moderator=moderator, reason=post.hidden_reason
        )


def report_dismiss(*, report, moderator):
    with transaction.atomic():
        _close_reports(report.post, status=Report.Status.DISMISSED, by=moderator)
        ModerationAction.objects.create(
            kind=Kind.DISMISS, topic_id=report.post.topic_id, post=report.post, moderator=moderator
        )


TOPIC_ACTIONS = {
    Kind.LOCK: {"is_locked": True},
    Kind.UNLOCK: {"is_locked": False},
    Kind.PIN: {"is_pinned": True},
    Kind.UNPIN: {"is_pinned": False},
}


def topic_moderate(*, topic, moderator, action):
    """Lock, unlock, pin or unpin a topic."""
    if action not in TOPIC_ACTIONS:
        raise ServiceError("Cette action de modération n'existe pas.")
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(**TOPIC_ACTIONS[action])
        ModerationAction.objects.create(kind=action, topic=topic, moderator=moderator)


def _is_public(topic):
    return topic.working_group_id is None or not topic.working_group.is_closed


def _refresh_latest(category_id):
    """A category's latest activity after a topic left it: the newest public topic still there."""
    latest = (
        Topic.objects.filter(category_id=category_id)
        .exclude(working_group__is_closed=True)
        .order_by("-last_activity_at", "-pk")
        .first()
    )
    Category.objects.filter(pk=category_id).update(
        last_topic=latest, last_activity_at=latest.last_activity_at if latest else None
    )


def topic_move(*, topic, moderator, category):
    """Move a topic to another category; the counters of both follow."""
    if category.pk == topic.category_id:
        raise ServiceError("Le sujet est déjà dans cette catégorie.")
    old = topic.category
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(category=category)
        if _is_public(topic):
            Category.objects.filter(pk=old.pk).update(
                topic_count=F("topic_count") - 1, post_count=F("post_count") - topic.post_count
            )
            Category.objects.filter(pk=category.pk).update(
                topic_count=F("topic_count") + 1, post_count=F("post_count") + topic.post_count
            )
            _refresh_latest(old.pk)
            _refresh_latest(category.pk)
        ModerationAction.objects.create(
            kind=Kind.MOVE, topic=topic, moderator=moderator, detail=f"{old.name} → {category.name}"
        )
        fragments.renew_on_commit(TOPICS)  # the lists of both categories (moved by update(), which sends no signal)
