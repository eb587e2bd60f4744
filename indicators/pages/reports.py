"""The report page of one structure for one campaign, and the campaign page with its completeness."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from spro_portal import fragments

from .. import permissions, signals
from ..confidentiality import completeness_shown, is_secret
from ..forms.report_csv import ReportCsvForm
from ..forms.reports import ReopenForm, ReportForm
from ..models import Report
from ..services.campaigns import campaign_accepts_entries, completeness_by_territory
from ..services.reports import previous_values, report_find, report_values


def campaign_indicators(campaign):
    return list(campaign.indicators.select_related("current_version").order_by("current_version__name"))


def report_csv_form(campaign, structure, data=None, files=None, *, indicators=None, previous=None, **kwargs):
    """The CSV upload form, knowing the indicators and the previous values its checks compare with."""
    return ReportCsvForm(
        data,
        files,
        indicators=campaign_indicators(campaign) if indicators is None else indicators,
        previous=previous_values(structure=structure, campaign=campaign) if previous is None else previous,
        **kwargs,
    )


def report_page(actor, campaign, structure, *, form=None, errors=None, conflict_report=None, csv_form=None):
    report = report_find(campaign=campaign, structure=structure)
    indicators = campaign_indicators(campaign)
    values = report_values(report)
    today = timezone.localdate()
    accepts = campaign_accepts_entries(campaign, structure, today)
    can = permissions.report_abilities(
        actor, report=report, structure=structure, accepts_entries=accepts, deadline_passed=today > campaign.deadline
    )
    if can.edit and form is None:
        form = ReportForm(indicators=indicators, values=values, initial={"revision": report.revision if report else 0})
    previous = previous_values(structure=structure, campaign=campaign)
    if can.edit and csv_form is None:
        csv_form = report_csv_form(
            campaign,
            structure,
            indicators=indicators,
            previous=previous,
            initial={"revision": report.revision if report else 0},
        )
    rows = form.rows(errors) if can.edit and form is not None else []
    for row in rows:
        row["previous"] = previous.get(row["indicator"].pk)
        row["saved"] = values.get(row["indicator"].pk) if conflict_report else None
    shared = form is None or not form.is_bound
    return {
        # The values' HTML is shared while it depends only on what is saved: not after a POST (errors, what was
        # typed), not beside a conflict. The revision moves with every save, the status with every decision.
        "rows_key": fragments.key_of(
            "report-rows",
            campaign.pk,
            structure.pk,
            (report.pk, report.revision, report.status) if report else None,
            can.edit,
            [(indicator.pk, indicator.current_version_id) for indicator in indicators],
            sorted((pk, str(value)) for pk, value in previous.items()),
            fragments.generations(signals.FIGURES, "names"),
        )
        if shared and not errors and conflict_report is None
        else "",
        "campaign": campaign,
        "structure": structure,
        "report": report,
        "status_label": report.get_status_display() if report else Report.Status.DRAFT.label,
        "is_returned": bool(report) and report.status == Report.Status.RETURNED,
        "can": can,
        "accepts_entries": accepts,
        "form": form if can.edit else None,
        "rows": rows,
        "read_rows": [
            {"indicator": indicator, "value": values.get(indicator.pk), "previous": previous.get(indicator.pk)}
            for indicator in indicators
        ],
        "conflict": conflict_report is not None,
        "events": list(report.events.select_related("by")[:30]) if report else [],
        "reopen_form": ReopenForm() if can.reopen else None,
        "csv_form": csv_form if can.edit else None,
    }


def structure_rows(campaign, structures):
    """Each structure's name, territory, report status and report link: two narrow queries, and the link made from
    one reversed address (a campaign has a few hundred structures: one reverse() each was a fifth of the page)."""
    structures = structures.select_related("territory").only("name", "slug", "territory__name")
    statuses = dict(
        Report.objects.filter(campaign=campaign, structure__in=structures).values_list("structure_id", "status")
    )
    placeholder = "structure-slug"
    address = reverse("indicators:report_detail", args=[campaign.pk, placeholder])
    rows = []
    for structure in structures:
        status = statuses.get(structure.pk)
        rows.append(
            {
                "structure": structure,
                "url": address.replace(placeholder, structure.slug),
                "status": status,
                "status_label": Report.Status(status).label if status else "",
            }
        )
    return rows


def campaign_page(actor, campaign):
    """The campaign's completeness (shared by every reader) and, for coordinators, the reports of their scope: both
    kept until the « indicators » generation is renewed; the scope's table is built only when its HTML is not."""
    stamps = fragments.generations(signals.FIGURES, "names")
    rows, total = fragments.value(
        fragments.key_of("campaign-completeness", campaign.pk, stamps), lambda: _completeness(campaign)
    )
    sees_every_territory = permissions.can_list_structure_values(actor)
    rows = completeness_shown(rows, sees_every_territory=sees_every_territory)
    reports, reports_key = [], ""
    if sees_every_territory:
        scope = campaign.structures.in_scope_of(actor)
        reports_key = fragments.key_of("campaign-reports", campaign.pk, scope.query.sql_with_params(), stamps)
        reports = SimpleLazyObject(lambda: structure_rows(campaign, scope))
    own = actor.structure if actor.structure and campaign.structures.filter(pk=actor.structure_id).exists() else None
    return {
        "campaign": campaign,
        "indicators": campaign_indicators(campaign),
        "rows": rows,
        "total": total,
        "total_secret": not sees_every_territory and is_secret(total["structures"]),
        "reports": reports,
        "reports_key": reports_key,
        "own_structure": own,
        "is_open": campaign.opens_on <= timezone.localdate() <= campaign.deadline,
    }


def _completeness(campaign):
    rows = completeness_by_territory(campaign)
    total = {key: sum(row[key] for row in rows) for key in ("structures", "submitted", "on_time", "validated")}
    for row in [*rows, total]:
        row["share"] = round(100 * row["submitted"] / row["structures"]) if row["structures"] else 0
    return rows, total
