"""Keeping models.PeriodFigures true: the network's sums and median of each indicator per period, over the
validated reports, recomputed by GROUP BY and window queries (never a Python loop over values) when a report
enters or leaves the validated status.

`refresh_campaign` runs inside the transaction that changes the report's status, after locking the campaigns of
the period, so two coordinators validating at once are serialised and the later one counts the earlier's report.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Sum, Window
from django.db.models.functions import RowNumber

from spro_portal import fragments

from .. import signals
from ..models import Campaign, PeriodFigures, Report, ReportValue

BATCH = 1000


def _validated(value_model, **filters):
    return value_model.objects.filter(report__status=Report.Status.VALIDATED, value__isnull=False, **filters)


def compute(value_model=ReportValue, **filters):
    """(indicator id, period start) → the fields of its PeriodFigures row: one GROUP BY, one windowed query."""
    values = _validated(value_model, **filters).annotate(start=F("report__campaign__period_start"))
    figures = {}
    sums = values.values("indicator_id", "start").annotate(
        n=Count("report__structure_id", distinct=True),
        total_=Sum("value"),
        num=Sum("numerator"),
        den=Sum("denominator"),
        size=Count("pk"),
    )
    for row in sums.order_by():
        figures[(row["indicator_id"], row["start"])] = {
            "structures": row["n"],
            "total": row["total_"] or 0,
            "numerator": row["num"] or 0,
            "denominator": row["den"] or 0,
            "values": row["size"],
            "median": None,
        }
    partition = [F("indicator_id"), F("report__campaign__period_start")]
    middles = (
        values.annotate(
            position=Window(RowNumber(), partition_by=partition, order_by=F("value").asc()),
            size=Window(Count("pk"), partition_by=partition),
        )
        .filter(position__gte=(F("size") + 1) / 2, position__lte=F("size") / 2 + 1)
        .values_list("indicator_id", "start", "value")
    )
    found = defaultdict(list)
    for indicator_id, start, value in middles:
        found[(indicator_id, start)].append(value)
    for key, middle in found.items():
        if key in figures:
            figures[key]["median"] = sum(middle) / len(middle)
    return figures


def store(figures_model, figures):
    fragments.renew_on_commit(signals.FIGURES)  # the dashboards' figures (bulk_create sends no signal)
    figures_model.objects.bulk_create(
        [
            figures_model(indicator_id=indicator_id, period_start=start, **fields)
            for (indicator_id, start), fields in figures.items()
        ],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["indicator", "period_start"],
        update_fields=["structures", "total", "numerator", "denominator", "values", "median", "refreshed_at"],
    )


def refresh_period(indicator_ids, period_start):
    """Recompute the rows of these indicators for this period (every campaign of the period counts)."""
    indicator_ids = list(indicator_ids)
    with transaction.atomic():
        list(Campaign.objects.select_for_update().filter(period_start=period_start).values_list("pk"))
        figures = compute(indicator_id__in=indicator_ids, report__campaign__period_start=period_start)
        PeriodFigures.objects.filter(indicator_id__in=indicator_ids, period_start=period_start).exclude(
            indicator_id__in=[indicator_id for indicator_id, _ in figures]
        ).delete()
        store(PeriodFigures, figures)


def refresh_campaign(campaign):
    refresh_period(campaign.indicators.values_list("pk", flat=True), campaign.period_start)


def refresh_all(value_model=ReportValue, figures_model=PeriodFigures):
    """Every row anew (the demo data and the migration that creates the table use it)."""
    with transaction.atomic():
        figures = compute(value_model)
        figures_model.objects.all().delete()
        store(figures_model, figures)
    return len(figures)
