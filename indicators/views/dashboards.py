"""The dashboards: every adopted indicator, one indicator's figures, and their CSV export."""

from django.shortcuts import get_object_or_404, render

from spro_portal.csv import csv_response

from .. import permissions
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
    indicator = _indicator(slug)
    page = indicator_dashboard(request.actor, indicator, request.GET.get("period", ""))
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "page": page,
            "indicator": indicator,
            "version": page.version,
            # Read only when the « how it was decided » part is built (it is shared: spro_portal.fragments).
            "versions": indicator.versions.select_related("proposal"),
        },
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
