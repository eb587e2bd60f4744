"""Celery tasks of the indicators app, thin: each loads by id and hands over to a service or indicators.emails.

The settings import REMINDERS_SCHEDULE from here, before Django's apps are ready: so this module imports no model
at load time, only inside the tasks."""

from celery import shared_task
from celery.schedules import crontab

#: The entry of CELERY_BEAT_SCHEDULE: every day at 07:30 (CELERY_TIMEZONE, Europe/Paris).
REMINDERS_SCHEDULE = {
    "indicators-deadline-reminders": {
        "task": "indicators.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=30),
    }
}


@shared_task
def send_deadline_reminders():
    """Daily: one task per reminder due, so one failing e-mail neither blocks nor repeats the others."""
    from .services.reminders import reminders_due

    for campaign_id, structure_id, kind in reminders_due():
        send_deadline_reminder.delay(campaign_id, structure_id, kind)


@shared_task
def send_deadline_reminder(campaign_id, structure_id, kind):
    from .services.reminders import reminder_send

    reminder_send(campaign_id=campaign_id, structure_id=structure_id, kind=kind)


@shared_task
def send_report_returned_email(report_id):
    from . import emails
    from .models import Report

    emails.send_report_returned(Report.objects.select_related("campaign", "structure").get(pk=report_id))


@shared_task
def send_report_validated_email(report_id):
    from . import emails
    from .models import Report

    emails.send_report_validated(Report.objects.select_related("campaign", "structure").get(pk=report_id))


@shared_task
def send_campaign_reopened_email(reopening_id):
    from . import emails
    from .models import CampaignReopening

    emails.send_campaign_reopened(
        CampaignReopening.objects.select_related("campaign", "structure").get(pk=reopening_id)
    )
