"""Campaigns, each structure's report (entry, submission), and the coordinators' validation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from members.models import Structure
from spro_portal.pagination import paginate
from spro_portal.shared_pages import render_shared

from .. import permissions, signals
from ..forms.proposals import ReasonForm
from ..forms.reports import CampaignForm, ReopenForm, ReportForm
from ..models import Campaign
from ..pages.reports import campaign_indicators, campaign_page, report_page
from ..services import ServiceError
from ..services import campaigns as campaign_services
from ..services import reports as services


@permissions.members_only
def campaign_list(request):
    campaigns = Campaign.objects.annotate(structure_count=Count("structures", distinct=True)).order_by(
        "-period_start", "-pk"
    )
    return render(
        request,
        "indicators/campaign_list.html",
        {"page": paginate(request, campaigns, 20), "can_open": permissions.can_open_campaign(request.actor)},
    )


@permissions.coordinators_only
def campaign_create(request):
    form = CampaignForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        structures = Structure.objects.labelled().in_scope_of(request.actor).filter(territory__in=data["territories"])
        try:
            campaign = campaign_services.campaign_open(
                label=data["label"],
                periodicity=data["periodicity"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                indicators=data["indicators"],
                structures=structures,
                opens_on=data["opens_on"],
                deadline=data["deadline"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Campagne ouverte.")
            return redirect(campaign)
    return render(request, "indicators/campaign_form.html", {"form": form})


@permissions.members_only
def campaign_detail(request, pk):
    """Shared by the readers of the same role (a coordinator's scope is in it) on the same day, until the campaign,
    a report or a name changes (spro_portal.shared_pages); the campaign is read only when it is built."""
    actor = request.actor
    return render_shared(
        request,
        "indicators/campaign_detail.html",
        lambda: campaign_page(actor, permissions.get_campaign(actor, pk)),
        kind="campaign",
        parts=(actor.role_key, timezone.localdate()),
        generations=signals.dashboard_generations(actor),
    )


@permissions.members_only
def report_detail(request, pk, slug):
    """Shared by the readers of the same role on the same day (its referents, the coordinators of one scope), until
    the campaign, a report's status, a name or this structure's values change (spro_portal.shared_pages); who may
    read it is decided by the role, so the campaign and the structure are read only when it is built."""
    actor = request.actor

    def context():
        campaign = permissions.get_campaign(actor, pk)
        return report_page(actor, campaign, permissions.get_report_structure(actor, campaign, slug))

    return render_shared(
        request,
        "indicators/report_detail.html",
        context,
        kind="report",
        parts=(actor.role_key, timezone.localdate()),
        generations=signals.report_generations(slug),
    )


@require_POST
@permissions.members_only
def report_save(request, pk, slug):
    """Save the draft, and submit it when the person asked to (the checks then apply)."""
    campaign = permissions.get_campaign(request.actor, pk)
    structure = permissions.get_report_structure(request.actor, campaign, slug)
    if not permissions.can_enter_report(request.actor, structure):
        raise PermissionDenied("Seul·es les référent·es de la structure saisissent son rapport.")
    report = services.report_find(campaign=campaign, structure=structure)
    form = ReportForm(request.POST, indicators=campaign_indicators(campaign), values=services.report_values(report))

    def again(status=400, **extra):
        context = report_page(request.actor, campaign, structure, form=form, **extra)
        return render(request, "indicators/report_detail.html", context, status=status)

    if not form.is_valid():
        messages.error(request, "Certaines valeurs ne sont pas des nombres : rien n'a été enregistré.")
        return again()
    try:
        report = services.report_save_draft(
            campaign=campaign,
            structure=structure,
            entries=form.entries(),
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.ConcurrentEditError as error:
        messages.error(request, str(error))
        return again(status=409, conflict_report=error.report)
    except ServiceError as error:
        messages.error(request, str(error))
        return again()
    if "submit" not in request.POST:
        messages.success(request, "Brouillon enregistré.")
        return redirect(report)
    try:
        services.report_submit(report=report, by=request.user)
    except services.ReportCheckError as error:
        messages.error(request, str(error))
        data = request.POST.copy()
        data["revision"] = report.revision  # the draft was saved: the next save starts from it
        form = ReportForm(
            data,
            indicators=campaign_indicators(campaign),
            values=services.report_values(report),
        )
        form.is_valid()
        return again(errors=error.errors)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(report)
    messages.success(request, "Rapport déposé : la coordination va le relire.")
    return redirect(report)


@require_POST
@permissions.members_only
def report_decide(request, pk, slug):
    campaign = permissions.get_campaign(request.actor, pk)
    structure = permissions.get_report_structure(request.actor, campaign, slug)
    report = services.report_find(campaign=campaign, structure=structure)
    if report is None or not permissions.can_decide_report(request.actor, structure):
        raise PermissionDenied("La coordination du périmètre de la structure valide ou renvoie son rapport.")
    try:
        if request.POST.get("decision") == "validate":
            services.report_validate(report=report, by=request.user)
            messages.success(request, "Rapport validé.")
        else:
            form = ReasonForm(request.POST)
            services.report_return(
                report=report, by=request.user, reason=form.cleaned_data["reason"] if form.is_valid() else ""
            )
            messages.success(request, "Rapport renvoyé à la structure avec votre motif.")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect(report)


@require_POST
@permissions.members_only
def report_reopen(request, pk, slug):
    campaign = permissions.get_campaign(request.actor, pk)
    structure = permissions.get_report_structure(request.actor, campaign, slug)
    if not permissions.can_decide_report(request.actor, structure):
        raise PermissionDenied("La coordination du périmètre de la structure rouvre la campagne pour elle.")
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez une nouvelle date limite et le motif de la réouverture.")
    else:
        try:
            campaign_services.campaign_reopen_for_structure(
                campaign=campaign, structure=structure, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Campagne rouverte pour {structure.name}.")
    return redirect("indicators:report_detail", pk=campaign.pk, slug=structure.slug)


@permissions.coordinators_only
def reports_to_validate(request):
    reports = permissions.reports_to_validate(request.actor).order_by("submitted_at")
    return render(request, "indicators/reports_to_validate.html", {"page": paginate(request, reports, 30)})
