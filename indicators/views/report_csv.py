"""A report through a spreadsheet: download the campaign's CSV template, upload it filled in."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from spro_portal.csv import csv_response
from spro_portal.uploads import limit_upload_size

from .. import permissions
from ..forms.report_csv import template_header, template_rows
from ..pages.reports import campaign_indicators, report_csv_form, report_page
from ..services import ServiceError
from ..services import reports as services


@permissions.members_only
def report_csv_template(request, pk, slug):
    campaign = permissions.get_campaign(request.actor, pk)
    structure = permissions.get_entry_structure(request.actor, campaign, slug)
    report = services.report_find(campaign=campaign, structure=structure)
    return csv_response(
        filename=f"rapport-{campaign.pk}-{structure.slug}.csv",
        header=template_header(),
        rows=template_rows(campaign_indicators(campaign), services.report_values(report)),
    )


@require_POST
@limit_upload_size
@permissions.members_only
def report_csv_upload(request, pk, slug):
    """Every line passes the form's checks, or nothing is saved; the values then fill the draft."""
    campaign = permissions.get_campaign(request.actor, pk)
    structure = permissions.get_entry_structure(request.actor, campaign, slug)
    try:
        services.ensure_accepts_entries(campaign, structure)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("indicators:report_detail", pk=campaign.pk, slug=structure.slug)
    form = report_csv_form(campaign, structure, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Le fichier n'a pas été enregistré : corrigez les erreurs indiquées, puis déposez-le.")
        context = report_page(request.actor, campaign, structure, csv_form=form)
        return render(request, "indicators/report_detail.html", context, status=400)
    try:
        report = services.report_save_draft(
            campaign=campaign,
            structure=structure,
            entries=form.entries,
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.ConcurrentEditError as error:
        who = error.report.updated_by or "Une autre personne"
        messages.error(
            request,
            f"{who} a enregistré ce rapport entre-temps : votre fichier n'a pas été enregistré. Vérifiez les "
            "valeurs ci-dessous, puis déposez à nouveau votre fichier.",
        )
        return redirect(error.report)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("indicators:report_detail", pk=campaign.pk, slug=structure.slug)
    messages.success(
        request, "Fichier importé : les valeurs sont enregistrées en brouillon. Relisez-les, puis déposez."
    )
    return redirect(report)
