"""Coordination figures (review queue summary, overview per territory, per structure) and their CSV exports.

Every figure is computed by aggregate queries whose number does not grow with territories or structures. Callers
pass querysets already limited to the actor's scope (members.permissions.reviews decides it).
"""

import csv
from dataclasses import dataclass, fields

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.utils import timezone

from .models import CommitmentReview, CommitmentSet, Structure

Status = CommitmentSet.Status
SUBMITTED_STATUSES = [Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED]


def queue_summary(commitment_sets, *, cycle=None):
    """How many sets of each status, for one cycle (or all cycles), as `[(status, label, count)]`."""
    if cycle is not None:
        commitment_sets = commitment_sets.filter(cycle=cycle)
    counts = commitment_sets.aggregate(
        **{status.value: Count("pk", filter=Q(status=status.value)) for status in Status}
    )
    return [(status.value, status.label, counts[status.value]) for status in Status]


def cycle_is_overdue(cycle, today):
    return cycle is not None and cycle.due_on < today


def _with_cycle_set_and_signature(structures, *, cycle, charter_version):
    # One row per structure: a structure has at most one set per cycle and one signature per charter version.
    return structures.annotate(
        cycle_set=FilteredRelation(
            "commitment_sets", condition=Q(commitment_sets__cycle_id=cycle.pk if cycle else None)
        ),
        current_signature=FilteredRelation(
            "signatures", condition=Q(signatures__version_id=charter_version.pk if charter_version else None)
        ),
    )


@dataclass
class TerritoryFigures:
    name: str
    territory_id: int | None = None
    structure_count: int = 0
    labelled: int = 0
    signed: int = 0
    submitted: int = 0
    awaiting_review: int = 0
    overdue: int = 0

    def add(self, other):
        for field in fields(self)[2:]:
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def territory_figures(*, territories, structures, cycle, charter_version, today):
    """One row per territory in scope (even without structures) and a total row, in two queries."""
    counts = (
        _with_cycle_set_and_signature(structures, cycle=cycle, charter_version=charter_version)
        .values("territory_id")
        .annotate(
            structure_count=Count("pk"),
            labelled=Count("pk", filter=Q(label_status=Structure.LabelStatus.LABELLED)),
            signed=Count("current_signature__id"),
            submitted=Count("cycle_set__id", filter=Q(cycle_set__status__in=SUBMITTED_STATUSES)),
            awaiting_review=Count("cycle_set__id", filter=Q(cycle_set__status=Status.SUBMITTED)),
            not_submitted=Count(
                "pk",
                filter=~Q(label_status=Structure.LabelStatus.WITHDRAWN)
                & (Q(cycle_set__id__isnull=True) | Q(cycle_set__status=Status.DRAFT)),
            ),
        )
        .order_by()
    )
    by_territory = {row["territory_id"]: row for row in counts}
    overdue = cycle_is_overdue(cycle, today)
    rows = []
    total = TerritoryFigures(name="Total")
    for territory in territories.order_by("name"):
        row = by_territory.get(territory.pk, {})
        figures = TerritoryFigures(
            name=territory.name,
            territory_id=territory.pk,
            structure_count=row.get("structure_count", 0),
            labelled=row.get("labelled", 0),
            signed=row.get("signed", 0),
            submitted=row.get("submitted", 0),
            awaiting_review=row.get("awaiting_review", 0),
            overdue=row.get("not_submitted", 0) if overdue else 0,
        )
        total.add(figures)
        rows.append(figures)
    return rows, total


def structure_figures(*, structures, cycle, charter_version):
    """Each structure in scope with its signature of the current charter and its commitments for the cycle."""
    last_review = CommitmentReview.objects.filter(
        submission__commitment_set__structure=OuterRef("pk"),
        submission__commitment_set__cycle_id=cycle.pk if cycle else None,
    ).order_by("-decided_at", "-pk")
    return (
        _with_cycle_set_and_signature(structures, cycle=cycle, charter_version=charter_version)
        .select_related("territory")
        .annotate(
            signature_id=F("current_signature__id"),
            set_status=F("cycle_set__status"),
            set_submitted_at=F("cycle_set__submitted_at"),
            last_decision=Subquery(last_review.values("decision")[:1]),
            last_decided_at=Subquery(last_review.values("decided_at")[:1]),
        )
        .order_by("territory__name", "name")
    )


# CSV: UTF-8 with a BOM and `;` so that a double click opens it correctly in a French spreadsheet.


def _date(value):
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def csv_response(*, filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _cycle_label(cycle):
    return f"cycle {cycle.year}" if cycle else "aucun cycle"


def territory_figures_csv(*, rows, total, cycle, today):
    header = [
        "Territoire",
        "Structures",
        "Structures labellisées",
        "Signataires de la charte en vigueur",
        f"Engagements déposés ({_cycle_label(cycle)})",
        "En attente de revue",
        "En retard",
    ]
    lines = [
        [
            row.name,
            row.structure_count,
            row.labelled,
            row.signed,
            row.submitted,
            row.awaiting_review,
            row.overdue,
        ]
        for row in [*rows, total]
    ]
    suffix = f"cycle-{cycle.year}-" if cycle else ""
    return csv_response(filename=f"spro-vue-d-ensemble-{suffix}{today:%Y-%m-%d}.csv", header=header, rows=lines)


def structure_figures_csv(*, structures, cycle, today):
    header = [
        "Structure",
        "Type",
        "Territoire",
        "Commune",
        "Labellisation",
        "Charte en vigueur signée",
        f"Engagements ({_cycle_label(cycle)})",
        "Déposés le",
        "Dernière décision",
        "Décision du",
    ]
    lines = (
        [
            structure.name,
            structure.get_type_display(),
            structure.territory.name,
            structure.commune,
            structure.get_label_status_display(),
            "oui" if structure.signature_id else "non",
            Status(structure.set_status).label if structure.set_status else "Aucun engagement saisi",
            _date(structure.set_submitted_at),
            CommitmentReview.Decision(structure.last_decision).label if structure.last_decision else "",
            _date(structure.last_decided_at),
        ]
        for structure in structures
    )
    suffix = f"cycle-{cycle.year}-" if cycle else ""
    return csv_response(filename=f"spro-structures-{suffix}{today:%Y-%m-%d}.csv", header=header, rows=lines)
