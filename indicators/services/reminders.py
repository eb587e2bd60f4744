"""Deadline reminders: which structures to remind today, and sending each reminder exactly once."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Structure

from .. import emails
from ..models import Campaign, ReminderSent, Report


def reminders_due(today=None):
    """(campaign id, structure id, kind) of each reminder to send today: for the campaigns whose deadline is in
    7 or 1 days, each structure in scope without a submitted or validated report, not reminded of it yet."""
    today = today or timezone.localdate()
    due = []
    for kind, days in ReminderSent.DAYS_BEFORE.items():
        for campaign in Campaign.objects.filter(deadline=today + datetime.timedelta(days=days), opens_on__lte=today):
            submitted = Report.objects.filter(campaign=campaign, status__in=Report.SUBMITTED_STATUSES)
            reminded = ReminderSent.objects.filter(campaign=campaign, kind=kind)
            structures = (
                campaign.structures.exclude(pk__in=submitted.values("structure_id"))
                .exclude(pk__in=reminded.values("structure_id"))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            due.extend((campaign.pk, structure_id, kind) for structure_id in structures)
    return due


def reminder_send(*, campaign_id, structure_id, kind):
    """Claim the reminder (a unique row), then send it; a second run finds the claim and sends nothing.
    If sending fails the claim is released, so a retry can send it."""
    campaign = Campaign.objects.get(pk=campaign_id)
    structure = Structure.objects.get(pk=structure_id)
    report = Report.objects.filter(campaign=campaign, structure=structure).first()
    if report is not None and report.status in Report.SUBMITTED_STATUSES:
        return None  # submitted since the list was drawn up
    try:
        with transaction.atomic():
            reminder = ReminderSent.objects.create(campaign=campaign, structure=structure, kind=kind)
    except IntegrityError:
        return None
    try:
        emails.send_deadline_reminder(reminder, report)
    except Exception:
        reminder.delete()
        raise
    return reminder
