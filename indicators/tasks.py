"""Celery tasks of the indicators app, thin: each loads by id and hands over to a service or indicators.emails.

The beat entry is in settings.CELERY_BEAT_SCHEDULE ("indicators-deadline-reminders", daily at 07:30)."""

from celery import shared_task


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
