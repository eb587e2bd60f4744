"""Moderation: any member reports a post; the coordinators handle the reports, hide and restore posts, lock, pin
and move topics."""

from django.shortcuts import get_object_or_404

from spro_portal.access import guard

from ..models import Report
from . import is_moderator
from .forum import can_report, checked_id, ensure, get_post_for_reading, get_topic_for_reading


def can_moderate(actor):
    return is_moderator(actor)


moderators_only = guard(can_moderate, "La modération du forum est réservée aux coordinateur·rices.")


def get_post_for_report(actor, pk):
    post = get_post_for_reading(actor, pk)
    ensure(can_report(actor, post), "Vous ne pouvez pas signaler ce message (un des vôtres, ou déjà masqué).")
    return post


def get_post_for_moderation(actor, pk):
    ensure(can_moderate(actor), "La modération du forum est réservée aux coordinateur·rices.")
    return get_post_for_reading(actor, pk)


def get_topic_for_moderation(actor, pk):
    ensure(can_moderate(actor), "La modération du forum est réservée aux coordinateur·rices.")
    return get_topic_for_reading(actor, pk)


def get_report_for_moderation(actor, pk):
    ensure(can_moderate(actor), "La modération du forum est réservée aux coordinateur·rices.")
    checked_id(pk)
    return get_object_or_404(Report.objects.select_related("post__topic"), pk=pk, status=Report.Status.OPEN)


def open_reports():
    return Report.objects.filter(status=Report.Status.OPEN)
