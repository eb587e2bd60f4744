"""Watching and notifications: a person watches what they may read, and opens only their own notifications."""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import get_object_or_404

from ..models import Notification
from .forum import checked_id, get_topic_for_reading, topics_visible_to
from .groups import get_group, groups_readable_by


def get_topic_for_watching(actor, pk):
    return get_topic_for_reading(actor, pk)


def get_group_for_watching(actor, slug):
    """A closed group's outsiders cannot follow what they may not read (404, as for its topics)."""
    group = get_group(actor, slug)
    return get_object_or_404(groups_readable_by(actor), pk=group.pk)


def notifications_of(actor):
    """This person's notifications, about topics they may still read (someone who left a closed group no longer
    sees its lines)."""
    return Notification.objects.filter(recipient_id=actor.user.pk, topic__in=topics_visible_to(actor))


def unread_count_key(user_pk):
    return f"practices:unread:{user_pk}"


def unread_count(actor):
    """The header's count: one COUNT over the partial index of unread notifications, kept in the cache for
    UNREAD_COUNT_CACHE_SECONDS (Redis only) and forgotten by every write of a notification's recipient or read state
    (practices.services.notifications.forget_unread_counts)."""
    seconds = settings.UNREAD_COUNT_CACHE_SECONDS
    if seconds <= 0:
        return Notification.objects.filter(recipient_id=actor.user.pk, read_at__isnull=True).count()
    key = unread_count_key(actor.user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient_id=actor.user.pk, read_at__isnull=True).count()
        cache.set(key, count, seconds)
    return count


def get_notification(actor, pk):
    checked_id(pk)
    return get_object_or_404(notifications_of(actor).select_related("topic", "post"), pk=pk)
