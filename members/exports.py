"""Coordination figures (review queue summary, overview per territory) and their CSV exports.

The queries are QuerySet methods (`CommitmentSet.objects.count_by_status`, `Structure.objects.figures_by_territory`
and `with_commitment_figures`); their number does not grow with territories or structures. Callers pass querysets
already limited to the actor's scope (members.permissions.reviews decides it).
"""

from dataclasses import dataclass, fields

from django.utils import timezone

from spro_portal.csv import csv_response

from .models import CommitmentReview, CommitmentSet

Status = CommitmentSet.Status


def queue_summary(commitment_sets, *, cycle=None):
    """How many sets of each status, for one cycle (or all cycles), as `[(status, label, count)]`."""
    counts = commitment_sets.count_by_status(cycle=cycle)
    return [(status.value, status.label, counts[status.value]) for status in Status]


def cycle_is_overdue(cycle, today):
    return cycle is not None and cycle.due_on < today


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
    counts = structures.figures_by_territory(cycle=cycle, charter_version=charter_version)
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


# CSV: UTF-8 with a BOM and `;` so that a double click opens it correctly in a French spreadsheet.


def _date(value):
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


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
    """`structures` come from `Structure.objects.with_commitment_figures`."""
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
