"""Campaigns: opening one, whether it accepts a structure's entries today, reopening it for one structure."""

from django.db import transaction
from django.db.models import Count, FilteredRelation, Q
from django.utils import timezone

from spro_portal.dates import long_date

from .. import tasks
from ..models import Campaign, CampaignReopening, Report, ReportEvent
from . import ServiceError, summaries


def campaign_open(*, label, periodicity, period_start, period_end, indicators, structures, opens_on, deadline, by):
    """A new campaign for the given indicators and structures (the form offers those of the coordinator's scope)."""
    if period_end < period_start:
        raise ServiceError("La fin de la période précède son début.")
    if deadline < opens_on:
        raise ServiceError("La date limite précède l'ouverture de la campagne.")
    if deadline < timezone.localdate():
        raise ServiceError("La date limite est déjà passée : choisissez une date à venir.")
    indicators, structures = list(indicators), list(structures)
    if not indicators:
        raise ServiceError("Choisissez au moins un indicateur.")
    if not structures:
        raise ServiceError("Aucune structure labellisée dans les territoires choisis : la campagne serait vide.")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            label=label.strip(),
            periodicity=periodicity,
            period_start=period_start,
            period_end=period_end,
            opens_on=opens_on,
            deadline=deadline,
            opened_by=by,
        )
        campaign.indicators.set(indicators)
        campaign.structures.set(structures)
    return campaign


def campaign_accepts_entries(campaign, structure, today=None):
    """Open between its opening day and its deadline, or later for a structure it was reopened for."""
    today = today or timezone.localdate()
    if campaign.opens_on <= today <= campaign.deadline:
        return True
    return today > campaign.deadline and (
        CampaignReopening.objects.filter(campaign=campaign, structure=structure, until__gte=today).exists()
    )


def campaign_reopen_for_structure(*, campaign, structure, until, reason, by):
    """After the deadline, one structure may enter and submit again until `until`; its report goes back to it."""
    reason = (reason or "").strip()
    today = timezone.localdate()
    if not reason:
        raise ServiceError("Écrivez le motif de la réouverture : il reste dans l'historique du rapport.")
    if today <= campaign.deadline:
        raise ServiceError("La campagne est encore ouverte : inutile de la rouvrir.")
    if until < today:
        raise ServiceError("La nouvelle date limite doit être aujourd'hui ou plus tard.")
    with transaction.atomic():
        reopening = CampaignReopening.objects.create(
            campaign=campaign, structure=structure, until=until, reason=reason, by=by
        )
        report = Report.objects.select_for_update().filter(campaign=campaign, structure=structure).first()
        if report is not None:
            if report.status in Report.SUBMITTED_STATUSES:
                was_validated = report.status == Report.Status.VALIDATED
                report.status = Report.Status.RETURNED
                report.return_reason = reason
                report.save(update_fields=["status", "return_reason"])
                if was_validated:
                    summaries.refresh_campaign(campaign)
            ReportEvent.objects.create(
                report=report, kind=ReportEvent.Kind.REOPENED, by=by, note=f"Jusqu'au {long_date(until)} : {reason}"
            )
        transaction.on_commit(lambda: tasks.send_campaign_reopened_email.delay(reopening.pk))
    return reopening


def completeness_by_territory(campaign):
    """Per territory of the campaign's structures: how many, how many submitted, on time, validated. One query."""
    on_time = Q(report__submitted_at__date__lte=campaign.deadline)
    return list(
        campaign.structures.annotate(
            report=FilteredRelation("indicator_reports", condition=Q(indicator_reports__campaign=campaign))
        )
        .values("territory_id", "territory__name")
        .annotate(
            structures=Count("pk"),
            submitted=Count("report__id", filter=Q(report__status__in=Report.SUBMITTED_STATUSES)),
            on_time=Count("report__id", filter=Q(report__status__in=Report.SUBMITTED_STATUSES) & on_time),
            validated=Count("report__id", filter=Q(report__status=Report.Status.VALIDATED)),
            returned=Count("report__id", filter=Q(report__status=Report.Status.RETURNED)),
        )
        .order_by("territory__name")
    )
