"""A structure's report for a campaign: drafts (with optimistic locking), checks, submission, validation."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from spro_portal import fragments
from spro_portal.dates import long_date, long_datetime

from .. import signals, tasks
from ..models import Report, ReportEvent, ReportValue
from . import ServiceError, summaries
from .campaigns import campaign_accepts_entries

HUNDRED = Decimal(100)
OUTLIER_FACTOR = Decimal(3)


@dataclass(frozen=True)
class Entry:
    """What the form read for one indicator: a value, or a numerator and a denominator; and a comment."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""

    def as_json(self):
        return {
            key: (str(getattr(self, key)) if getattr(self, key) is not None else None)
            for key in ("value", "numerator", "denominator")
        } | {"comment": self.comment}


class ConcurrentEditError(ServiceError):
    """Someone else saved the report since the form was opened; nothing was overwritten."""

    def __init__(self, *, report):
        self.report = report
        who = report.updated_by or "une autre personne"
        when = long_datetime(report.updated_at) if report.updated_at else "entre-temps"
        super().__init__(
            f"{who} a enregistré ce rapport entre-temps (le {when}). Vos valeurs n'ont pas été enregistrées : elles "
            "sont conservées dans le formulaire, à côté des valeurs enregistrées. Reprenez ce qu'il faut garder, "
            "puis enregistrez à nouveau."
        )


class ReportCheckError(ServiceError):
    """The report breaks some checks; `errors` maps an indicator id to its French messages."""

    def __init__(self, errors):
        self.errors = errors
        count = sum(len(messages) for messages in errors.values())
        super().__init__(
            f"Le rapport n'est pas déposé : {count} valeur{'s' if count > 1 else ''} "
            f"{'sont' if count > 1 else 'est'} à corriger (voir le détail sous chaque indicateur). "
            "Vos saisies sont enregistrées en brouillon."
        )


def report_find(*, campaign, structure):
    return (
        Report.objects.select_related("updated_by", "submitted_by", "validated_by")
        .filter(campaign=campaign, structure=structure)
        .first()
    )


def report_values(report):
    """indicator id → ReportValue of the report (empty for a report not yet saved)."""
    if report is None or report.pk is None:
        return {}
    return {value.indicator_id: value for value in report.values.all()}


def _derived_value(version, entry):
    if not version.is_ratio:
        return entry.value
    if entry.numerator is None or entry.denominator in (None, Decimal(0)):
        return None
    ratio = entry.numerator / entry.denominator
    return (ratio * HUNDRED if version.is_percent else ratio).quantize(Decimal("0.0001"))


def ensure_accepts_entries(campaign, structure):
    """Every write path (form, CSV upload, submission) goes through here: after the deadline, only a reopening lets
    a structure enter values again."""
    if not campaign_accepts_entries(campaign, structure):
        if timezone.localdate() < campaign.opens_on:
            raise ServiceError(f"La campagne ouvre le {long_date(campaign.opens_on)} : la saisie n'a pas commencé.")
        raise ServiceError(
            f"La campagne est close depuis le {long_date(campaign.deadline)} : demandez à la coordination de la "
            "rouvrir pour votre structure."
        )


def report_save_draft(*, campaign, structure, entries, revision, by):
    """Save every value at once, only if nobody saved since `revision` was read (else ConcurrentEditError)."""
    ensure_accepts_entries(campaign, structure)
    now = timezone.now()
    versions = {
        indicator.pk: indicator.current_version for indicator in campaign.indicators.select_related("current_version")
    }
    with transaction.atomic():
        if revision == 0:
            try:
                with transaction.atomic():
                    report = Report.objects.create(
                        campaign=campaign, structure=structure, revision=1, updated_at=now, updated_by=by
                    )
            except IntegrityError:
                raise ConcurrentEditError(report=report_find(campaign=campaign, structure=structure)) from None
        else:
            updated = Report.objects.filter(
                campaign=campaign, structure=structure, revision=revision, status__in=Report.EDITABLE_STATUSES
            ).update(revision=F("revision") + 1, updated_at=now, updated_by=by)
            report = report_find(campaign=campaign, structure=structure)
            if report is None:
                raise ServiceError("Ce rapport n'existe plus : rechargez la page.")
            if not updated:
                if report.status not in Report.EDITABLE_STATUSES:
                    raise ServiceError("Ce rapport a été déposé : il n'est plus modifiable.")
                raise ConcurrentEditError(report=report)
        existing = report_values(report)
        to_create, to_update = [], []
        for indicator_id, entry in entries.items():
            version = versions.get(indicator_id)
            if version is None:
                continue
            fields = {
                "value": _derived_value(version, entry),
                "numerator": entry.numerator if version.is_ratio else None,
                "denominator": entry.denominator if version.is_ratio else None,
                "comment": entry.comment.strip(),
                "version": version,
            }
            row = existing.get(indicator_id)
            if row is None:
                to_create.append(ReportValue(report=report, indicator_id=indicator_id, **fields))
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
                to_update.append(row)
        ReportValue.objects.bulk_create(to_create)
        ReportValue.objects.bulk_update(to_update, ["value", "numerator", "denominator", "comment", "version"])
        ReportEvent.objects.create(
            report=report,
            kind=ReportEvent.Kind.SAVED,
            by=by,
            values={str(key): entry.as_json() for key, entry in entries.items()},
        )
        # The structure's own values beside the network's (dashboards): the writes above send no signal.
        fragments.renew_on_commit(signals.structure_values(structure.slug))
    return report


def previous_values(*, structure, campaign):
    """indicator id → the structure's latest submitted value of an earlier period (one query, one structure)."""
    rows = (
        ReportValue.objects.filter(
            report__structure=structure,
            report__status__in=Report.SUBMITTED_STATUSES,
            report__campaign__period_start__lt=campaign.period_start,
            indicator__in=campaign.indicators.all(),
            value__isnull=False,
        )
        .order_by("indicator_id", "-report__campaign__period_start")
        .values_list("indicator_id", "value", "report__campaign__label")
    )
    previous = {}
    for indicator_id, value, label in rows:
        previous.setdefault(indicator_id, (value, label))
    return previous


def _is_whole(number):
    return number == number.to_integral_value()


def check_value(version, value, previous=None):
    """The French messages for one reported value (an empty list: it passes)."""
    return list(dict.fromkeys(message for _, message in value_problems(version, value, previous)))


def value_problems(version, value, previous=None):
    """(field, French message) per failed check; field is "value", "numerator", "denominator" or "comment",
    so the form shows the messages under the indicator and the CSV import names the column."""
    if value is None:
        return [_missing(version)]
    fields = ["numerator", "denominator"] if version.is_ratio else ["value"]
    missing = [field for field in fields if getattr(value, field) is None]
    if missing:
        return [_missing(version, missing[0])]
    problems = [(field, "Une valeur ne peut pas être négative.") for field in fields if getattr(value, field) < 0]
    if version.is_ratio:
        if value.denominator == 0:
            problems.append(("denominator", "Le dénominateur ne peut pas être nul."))
        elif value.numerator > value.denominator:
            problems.append(("numerator", "Le numérateur ne peut pas dépasser le dénominateur."))
    elif version.is_count and not _is_whole(value.value):
        problems.append(("value", "Un nombre se compte en entiers : saisissez une valeur sans décimales."))
    elif version.is_percent and not (0 <= value.value <= HUNDRED):
        problems.append(("value", "Un pourcentage est compris entre 0 et 100."))
    if not problems and previous is not None and value.value is not None and not value.comment.strip():
        before, label = previous
        if before > 0 and (value.value > before * OUTLIER_FACTOR or value.value * OUTLIER_FACTOR < before):
            direction = "plus du triple" if value.value > before else "moins du tiers"
            problems.append(
                (
                    "comment",
                    f"Cette valeur fait {direction} de la précédente ({_plain(before)}, {label}) : expliquez-la "
                    "dans le commentaire avant de déposer.",
                )
            )
    return problems


def _missing(version, field=None):
    if version.is_ratio:
        return (field or "numerator", "Saisissez le numérateur et le dénominateur.")
    return ("value", "Saisissez une valeur.")


def _plain(number):
    text = f"{number.normalize():f}"
    return text.replace(".", ",")


def report_submit(*, report, by):
    """Submit the saved values, if each one passes its checks (else ReportCheckError, nothing submitted)."""
    campaign = report.campaign
    ensure_accepts_entries(campaign, report.structure)
    if report.status not in Report.EDITABLE_STATUSES:
        raise ServiceError("Ce rapport est déjà déposé.")
    values = report_values(report)
    previous = previous_values(structure=report.structure, campaign=campaign)
    errors = {}
    for indicator in campaign.indicators.select_related("current_version"):
        version = indicator.current_version
        problems = check_value(version, values.get(indicator.pk), previous.get(indicator.pk))
        if problems:
            errors[indicator.pk] = problems
    if errors:
        raise ReportCheckError(errors)
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, revision=report.revision, status__in=Report.EDITABLE_STATUSES)
        if not updated.update(
            status=Report.Status.SUBMITTED,
            submitted_at=timezone.now(),
            submitted_by=by,
            return_reason="",
            revision=F("revision") + 1,
        ):
            raise ConcurrentEditError(report=report_find(campaign=campaign, structure=report.structure))
        ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.SUBMITTED, by=by)
        fragments.renew_on_commit(
            signals.FIGURES
        )  # the completeness counts it (submitted by update(), which sends no signal)
    return report_find(campaign=campaign, structure=report.structure)


def _decide(report, *, status, by, kind, note=""):
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.SUBMITTED:
            raise ServiceError("Seul un rapport déposé peut être validé ou renvoyé.")
        report.status = status
        if status == Report.Status.VALIDATED:
            report.validated_at, report.validated_by = timezone.now(), by
        else:
            report.return_reason = note
        report.revision += 1
        report.save()
        ReportEvent.objects.create(report=report, kind=kind, by=by, note=note)
        validated = status == Report.Status.VALIDATED
        if validated:
            summaries.refresh_campaign(report.campaign)
        task = tasks.send_report_validated_email if validated else tasks.send_report_returned_email
        transaction.on_commit(lambda: task.delay(report.pk))
    return report


def report_validate(*, report, by):
    return _decide(report, status=Report.Status.VALIDATED, by=by, kind=ReportEvent.Kind.VALIDATED)


def report_return(*, report, by, reason):
    """Back to the structure with a reason it reads on its report."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Écrivez le motif du renvoi : la structure le lira pour corriger son rapport.")
    return _decide(report, status=Report.Status.RETURNED, by=by, kind=ReportEvent.Kind.RETURNED, note=reason)
