"""One function per e-mail the indicators app sends: who receives it and what it says.

Rendering is spro_portal.emails.send's job; tasks load the rows by id and call these. Every recipient is asked
to `notifications.wants_email` first."""

from django.urls import reverse

from members.models import Membership
from spro_portal import emails

from . import notifications
from .models import ReminderSent


def referent_emails(structure, kind):
    """The addresses of the structure's active referents who want this kind of e-mail now."""
    memberships = Membership.objects.referents().filter(structure=structure, user__is_active=True)
    return [
        membership.user.email
        for membership in memberships.select_related("user").order_by("user__email")
        if membership.user.email and notifications.wants_email(membership.user, kind)
    ]


def _send(name, structure, kind, context):
    recipients = referent_emails(structure, kind)
    if recipients:
        emails.send(name, recipients, {"structure": structure, **context})
    return recipients


def send_deadline_reminder(reminder, report=None):
    """One e-mail to the referents of a structure that has not submitted: the deadline comes in 7 days, or 1."""
    campaign = reminder.campaign
    return _send(
        "indicators-reminder",
        reminder.structure,
        notifications.DEADLINE_REMINDER,
        {
            "campaign": campaign,
            "days_left": ReminderSent.DAYS_BEFORE[reminder.kind],
            "report": report,
            "report_path": campaign_report_path(campaign, reminder.structure),
        },
    )


def send_report_returned(report):
    """The referents read why the coordination returned their report, and where to correct it."""
    return _send(
        "indicators-report-returned",
        report.structure,
        notifications.REPORT_RETURNED,
        {"campaign": report.campaign, "report": report, "report_path": report.get_absolute_url()},
    )


def send_report_validated(report):
    return _send(
        "indicators-report-validated",
        report.structure,
        notifications.REPORT_VALIDATED,
        {"campaign": report.campaign, "report": report, "report_path": report.get_absolute_url()},
    )


def send_campaign_reopened(reopening):
    """After the deadline, the referents learn they may enter and submit again, until when and why."""
    return _send(
        "indicators-campaign-reopened",
        reopening.structure,
        notifications.DEADLINE_REMINDER,
        {
            "campaign": reopening.campaign,
            "reopening": reopening,
            "report_path": campaign_report_path(reopening.campaign, reopening.structure),
        },
    )


def campaign_report_path(campaign, structure):
    return reverse("indicators:report_detail", args=[campaign.pk, structure.slug])
