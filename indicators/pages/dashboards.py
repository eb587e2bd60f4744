"""The dashboards: the network's figures per period and their breakdowns, from GROUP BY queries only.

The trend (sums and median per period) comes from models.PeriodFigures, the rows kept per indicator and period
and refreshed whenever a report is validated (services.summaries): a page reads one row per period, so its cost
does not grow with the number of structures. A period's breakdowns are GROUP BY queries over that period only.

Only validated reports count. Every aggregate a page shows goes through confidentiality.apply_secret, so a
member never reads a figure over fewer than 3 structures, directly or by subtraction; a structure's own values
are added only for the people allowed to read them (permissions.can_see_structure_values).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Sum

from members.models import Structure
from spro_portal import fragments

from .. import permissions, signals
from ..charts import line_chart
from ..confidentiality import Breakdown, Cell, apply_secret, completeness_shown, is_secret
from ..models import (
    Aggregation,
    Campaign,
    Indicator,
    PeriodFigures,
    Position,
    ProposalComment,
    Report,
    ReportValue,
)
from ..services.campaigns import completeness_by_territory

HUNDRED = Decimal(100)
TYPE_LABELS = dict(Structure.Type.choices)


@dataclass
class Figures:
    """Sums over a group of structures, from which any aggregation is computed."""

    count: int = 0
    total: Decimal = Decimal(0)
    numerator: Decimal = Decimal(0)
    denominator: Decimal = Decimal(0)

    def add(self, row):
        self.count += row["n"]
        self.total += row["total"] or 0
        self.numerator += row["num"] or 0
        self.denominator += row["den"] or 0

    def value(self, version):
        if not self.count:
            return None
        if version.aggregation == Aggregation.SUM:
            return self.total
        if version.aggregation == Aggregation.MEAN:
            return self.total / self.count
        if not self.denominator:
            return None
        ratio = self.numerator / self.denominator
        return ratio * HUNDRED if version.is_percent else ratio


@dataclass
class Period:
    start: datetime.date
    label: str
    count: int
    value: object  # None when hidden
    hidden: bool
    median: object = None
    own: object = None
    own_status: str = ""

    @property
    def key(self):
        return self.start.isoformat()


@dataclass
class NetworkPart:
    """What an indicator's dashboard shows every reader alike, for one period asked for: computed once and kept
    until the « indicators » generation is renewed (a report's status, a campaign, a discussion changed)."""

    periods: list
    selected: Period | None
    period_problem: str
    by_territory: Breakdown
    by_type: Breakdown
    total_hidden: bool
    chart: object
    latest_campaign: object
    completeness: list
    discussion: dict


@dataclass
class Dashboard(NetworkPart):
    """The dashboard as one reader sees it: the network's part, with their own structure's values added to its
    periods, and what their rights show beside it."""

    indicator: Indicator
    version: object
    own_chart_has_values: bool
    structure_rows: list = field(default_factory=list)
    progress: object = None
    sees_structures: bool = False
    own_structure: object = None
    network_key: str = ""  # what the parts every reader sees alike are shared under (chart, breakdowns…)


def validated_values(indicator):
    return ReportValue.objects.filter(indicator=indicator, report__status=Report.Status.VALIDATED, value__isnull=False)


def _sums(queryset, *group_by):
    return (
        queryset.values(*group_by)
        .annotate(
            n=Count("report__structure_id", distinct=True),
            total=Sum("value"),
            num=Sum("numerator"),
            den=Sum("denominator"),
        )
        .order_by(*group_by)
    )


def period_labels(campaigns):
    """period start → the label its campaigns give it (« T1 2026 »), one GROUP BY."""
    return dict(campaigns.values("period_start").annotate(label=Max("label")).values_list("period_start", "label"))


def _figures(row):
    """The Figures of a PeriodFigures row (the sums kept per period, refreshed at each validation)."""
    return Figures(row.structures, row.total, row.numerator, row.denominator)


def network_periods(indicator, version):
    """The network's figure per period, from the rows kept per period (one short query, whatever the size)."""
    labels = period_labels(indicator.campaigns.all())
    periods = []
    for row in PeriodFigures.objects.filter(indicator=indicator).order_by("period_start"):
        figures = _figures(row)
        hidden = is_secret(figures.count)
        periods.append(
            Period(
                start=row.period_start,
                label=labels.get(row.period_start, row.period_start.isoformat()),
                count=figures.count,
                value=None if hidden else figures.value(version),
                hidden=hidden,
                median=None if is_secret(row.values) else row.median,
            )
        )
    return periods


def breakdowns(indicator, version, period_start):
    """By territory and by type for one period, from one GROUP BY over both, with the secret applied to both."""
    rows = _sums(
        validated_values(indicator).filter(report__campaign__period_start=period_start),
        "report__structure__territory_id",
        "report__structure__territory__name",
        "report__structure__type",
    )
    territories, types, crossed, names = defaultdict(Figures), defaultdict(Figures), {}, {}
    total = 0
    for row in rows:
        territory, kind = row["report__structure__territory_id"], row["report__structure__type"]
        names[territory] = row["report__structure__territory__name"]
        territories[territory].add(row)
        types[kind].add(row)
        crossed[(territory, kind)] = row["n"]
        total += row["n"]
    by_territory = Breakdown(
        "territoire",
        [Cell(key, names[key], figures.count, figures.value(version)) for key, figures in territories.items()],
    )
    by_type = Breakdown(
        "type de structure",
        sorted(
            (
                Cell(key, TYPE_LABELS.get(key, key), figures.count, figures.value(version))
                for key, figures in types.items()
            ),
            key=lambda cell: cell.label,
        ),
    )
    total_hidden = apply_secret(total, by_territory, by_type, crossed)
    for breakdown in (by_territory, by_type):
        for cell in breakdown.cells:
            if cell.hidden:
                cell.value = None
    return by_territory, by_type, total_hidden


def _own_values(indicator, structure):
    rows = ReportValue.objects.filter(indicator=indicator, report__structure=structure).values_list(
        "report__campaign__period_start", "value", "report__status"
    )
    return {start: (value, status) for start, value, status in rows}


def _structure_rows(actor, indicator, period_start):
    visible = permissions.structures_whose_values_are_visible_to(actor)
    return list(
        ReportValue.objects.filter(
            indicator=indicator, report__campaign__period_start=period_start, report__structure__in=visible
        )
        .select_related("report__structure__territory", "version")
        .order_by("report__structure__territory__name", "report__structure__name")
    )


def discussion_summary(proposal):
    """What the adopted indicator's page says of how it was decided (one query for the positions)."""
    counts = dict(
        Position.objects.current()
        .filter(proposal=proposal)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    structures = Position.objects.current().filter(proposal=proposal).values("structure").distinct().count()
    return {
        "supports": counts.get(Position.Kind.SUPPORT, 0),
        "reservations": counts.get(Position.Kind.RESERVATION, 0),
        "objections": counts.get(Position.Kind.OBJECTION, 0),
        "structures": structures,
        "comments": ProposalComment.objects.filter(proposal=proposal).count(),
    }


def parse_period(raw, periods):
    """The period asked for in ?period=, or the latest; a bad value gives a French notice, never an error."""
    if not periods:
        return None, ""
    if not raw:
        return periods[-1], ""
    by_key = {period.key: period for period in periods}
    if raw in by_key:
        return by_key[raw], ""
    return periods[-1], "Cette période n'a pas de chiffres validés : la plus récente est affichée."


def network_part(indicator, version, raw_period):
    """The shared part for the period asked for, from two cached pieces: the indicator's periods (with the chart,
    the latest campaign's completeness and the discussion), and the breakdowns of the period they resolve it to.
    Keyed by the period found, not by what was typed: a hand-edited ?period= adds no entry to the cache."""
    stamps = fragments.generations(signals.FIGURES)
    trend = fragments.value(
        fragments.key_of("indicator-trend", indicator.pk, version.pk, stamps), lambda: _trend(indicator, version)
    )
    selected, problem = parse_period(raw_period, trend["periods"])
    by_territory, by_type, total_hidden = (
        fragments.value(
            fragments.key_of("indicator-breakdowns", indicator.pk, version.pk, selected.start, stamps),
            lambda: breakdowns(indicator, version, selected.start),
        )
        if selected
        else (Breakdown("territoire"), Breakdown("type"), True)
    )
    part = NetworkPart(
        **trend,
        selected=selected,
        period_problem=problem,
        by_territory=by_territory,
        by_type=by_type,
        total_hidden=total_hidden,
    )
    key = fragments.key_of("indicator-network", indicator.pk, version.pk, selected.key if selected else "", stamps)
    return part, key


def _trend(indicator, version):
    periods = network_periods(indicator, version)
    latest_campaign = indicator.campaigns.order_by("-period_start", "-pk").first()
    return {
        "periods": periods,
        "chart": line_chart([(period.label, period.value) for period in periods], target=version.target)
        if periods
        else None,
        "latest_campaign": latest_campaign,
        "completeness": completeness_by_territory(latest_campaign) if latest_campaign else [],
        "discussion": discussion_summary(indicator.proposal),
    }


def indicator_dashboard(actor, indicator, raw_period=""):
    version = indicator.current_version
    # Copies from the cache (or fresh): this reader's own values are added to its periods below.
    network, network_key = network_part(indicator, version, raw_period)
    periods, selected = network.periods, network.selected
    own_structure = actor.structure
    if own_structure is None:
        for period in periods:
            period.median = None  # shown only beside one's own values
    else:
        own = _own_values(indicator, own_structure)
        for period in periods:
            if period.start in own:
                value, status = own[period.start]
                period.own = value
                # Only what is not yet validated is worth saying beside the value.
                period.own_status = "" if status == Report.Status.VALIDATED else Report.Status(status).label
    sees_structures = permissions.can_list_structure_values(actor)
    latest = next((period for period in reversed(periods) if not period.hidden), None)
    progress = None
    if version.target and latest is not None and latest.value is not None:
        share = min(max(latest.value / version.target * HUNDRED, Decimal(0)), HUNDRED)
        progress = {"latest": latest, "share": share, "width": f"{float(share) * 3:.1f}"}
    shown = vars(network) | {
        "completeness": completeness_shown(network.completeness, sees_every_territory=sees_structures)
    }
    return Dashboard(
        **shown,
        indicator=indicator,
        version=version,
        own_chart_has_values=any(period.own is not None for period in periods),
        structure_rows=_structure_rows(actor, indicator, selected.start) if sees_structures and selected else [],
        progress=progress,
        sees_structures=sees_structures,
        own_structure=own_structure,
        network_key=network_key,
    )


def indicator_list(actor):
    """Adopted indicators with the network's latest figure each (one GROUP BY over indicator and period)."""
    indicators = list(Indicator.objects.select_related("current_version__mission").order_by("current_version__name"))
    latest = {}
    for row in PeriodFigures.objects.order_by("period_start"):  # the last row of an indicator is its latest period
        latest[row.indicator_id] = row
    labels = dict(
        Campaign.objects.values("period_start").annotate(label=Max("label")).values_list("period_start", "label")
    )
    entries = []
    for indicator in indicators:
        row = latest.get(indicator.pk)
        figures = _figures(row) if row else Figures()
        hidden = bool(row) and is_secret(figures.count)
        entries.append(
            {
                "indicator": indicator,
                "period": labels.get(row.period_start, "") if row else "",
                "value": None if hidden or not row else figures.value(indicator.current_version),
                "hidden": hidden,
                "count": figures.count,
            }
        )
    return entries
