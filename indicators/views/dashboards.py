"""The dashboards: every adopted indicator, one indicator's figures, and their CSV export."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from spro_portal.csv import csv_response
from spro_portal.shared_pages import render_shared

from .. import permissions, signals
from ..exports import dashboard_rows
from ..models import Indicator
from ..pages.dashboards import indicator_dashboard, indicator_list


@permissions.members_only
def dashboard(request):
    return render(
        request,
        "indicators/dashboard.html",
        {
            "entries": indicator_list(request.actor),
            "can_open_campaign": permissions.can_open_campaign(request.actor),
        },
    )


def _indicator(slug):
    return get_object_or_404(Indicator.objects.select_related("current_version__mission", "proposal"), slug=slug)


@permissions.members_only
def indicator_detail(request, slug):
    """Shared by the readers of the same role (their structure's own values are in it), until the figures, a name or
    their structure's values change (spro_portal.shared_pages); the indicator is read only when it is built."""
    actor = request.actor

    def context():
        indicator = _indicator(slug)
        page = indicator_dashboard(actor, indicator, request.GET.get("period", ""))
        # Read only when the « how it was decided » part is built (it is shared: spro_portal.fragments).
        versions = indicator.versions.select_related("proposal")
        return {"page": page, "indicator": indicator, "version": page.version, "versions": versions}

    return render_shared(
        request,
        "indicators/indicator_detail.html",
        context,
        kind="indicator",
        parts=(actor.role_key, timezone.localdate()),
        generations=signals.dashboard_generations(actor),
    )


@permissions.members_only
def indicator_csv(request, slug):
    """Exactly what the page shows this person: the same secret statistique, the same structures."""
    indicator = _indicator(slug)
    page = indicator_dashboard(request.actor, indicator, request.GET.get("period", ""))
    return csv_response(
        filename=f"indicateur-{indicator.slug}.csv",
        header=["Partie", "Période", "Groupe", "Nombre de structures", "Valeur", "Unité"],
        rows=dashboard_rows(page),
    )
