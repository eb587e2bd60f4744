"""Coordinators' pages: the review queue, the review of a structure's commitments, the overview and its exports."""

from django.contrib import messages
from django.db.models import Count, F
from django.shortcuts import redirect, render
from django.utils import timezone

from spro_portal.dates import long_date
from spro_portal.form_errors import error_summary
from spro_portal.pagination import paginate

from .. import exports
from ..filters.reviews import ReviewQueueFilter
from ..forms.reviews import CommitmentReviewForm, CycleForm, ReviewCycleForm
from ..models import CharterVersion, ReviewCycle
from ..permissions import coordinators_only
from ..permissions import reviews as permissions
from ..services import ServiceError
from ..services import reviews as services

QUEUE_PAGE_SIZE = 25


def _waiting_days(commitment_set, today):
    if commitment_set.status != commitment_set.Status.SUBMITTED or commitment_set.submitted_at is None:
        return None
    return (today - timezone.localdate(commitment_set.submitted_at)).days


@coordinators_only
def review_queue(request):
    actor = request.actor
    in_scope = permissions.commitment_sets_visible_to(actor)
    queryset = (
        in_scope.for_queue()
        .annotate(submission_count=Count("submissions"))
        .order_by(F("submitted_at").asc(nulls_last=True), "structure__name", "pk")
    )
    filterset = ReviewQueueFilter(request.GET, queryset=queryset, actor=actor, cycle=ReviewCycle.objects.current())
    pages = paginate(request, filterset.qs, QUEUE_PAGE_SIZE)
    today = timezone.localdate()
    rows = [{"set": commitment_set, "waiting_days": _waiting_days(commitment_set, today)} for commitment_set in pages]
    cycle = filterset.chosen("cycle")
    return render(
        request,
        "members/coordination_queue.html",
        {
            "filter": filterset,
            "page": pages.page,
            "pages": pages,
            "rows": rows,
            "cycle": cycle,
            "summary": exports.queue_summary(in_scope, cycle=cycle),
        },
    )


@coordinators_only
def review(request, set_id):
    actor = request.actor
    commitment_set = permissions.get_commitment_set_for_review(actor, set_id)
    page = services.review_page(commitment_set)
    can = permissions.review_abilities(actor, commitment_set, page.latest, page.latest_review)
    form = None
    if page.latest is not None and (can.review or request.method == "POST"):
        form = CommitmentReviewForm(request.POST if request.method == "POST" else None, items=page.latest.snapshot)
    if request.method == "POST" and form is not None and form.is_valid():
        submission = next((s for s in page.submissions if s.pk == form.cleaned_data["submission"]), None)
        try:
            if submission is None:
                raise ServiceError("Le dépôt examiné n'existe plus : relisez la page et donnez à nouveau votre avis.")
            services.commitment_set_review(
                commitment_set=commitment_set,
                submission=submission,
                item_decisions=form.item_decisions(),
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                reviewer=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Votre avis sur les engagements de {commitment_set.structure} est enregistré ; "
                "ses référent·es en sont informé·es par e-mail.",
            )
            return redirect("members:coordination")
    form_rows = {row["item"]["item_id"]: row for row in form.item_rows()} if form else {}
    items = [
        {"decision": None, "reason": None, **item, **form_rows.get(item["entry"]["item_id"], {})} for item in page.items
    ]
    return render(
        request,
        "members/review_detail.html",
        {
            "commitment_set": commitment_set,
            "page": page,
            "items": items,
            "form": form,
            "errors": error_summary(form) if form else [],
            "can": can,
        },
    )


@coordinators_only
def review_cycles(request):
    """The review cycles with their sets in the actor's scope; regional coordinators open the next one here."""
    actor = request.actor
    can_open = permissions.can_open_review_cycle(actor)
    form = None
    if request.method == "POST":
        permissions.ensure_can_open_review_cycle(actor)
        form = ReviewCycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = services.review_cycle_open(**form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Le {cycle} est ouvert : à partir du {long_date(cycle.opens_on)}, les référent·es peuvent "
                    f"commencer leurs engagements, à déposer avant le {long_date(cycle.due_on)}.",
                )
                return redirect("members:review_cycles")
    elif can_open:
        form = ReviewCycleForm()
    cycles = ReviewCycle.objects.with_set_counts(permissions.structures_visible_to(actor)).order_by("-year")
    pages = paginate(request, cycles, QUEUE_PAGE_SIZE)
    return render(
        request,
        "members/coordination_cycles.html",
        {
            "pages": pages,
            "page": pages.page,
            "current": ReviewCycle.objects.current(),
            "form": form,
            "errors": error_summary(form) if form else [],
        },
    )


def _overview_context(request):
    cycle_form = CycleForm(request.GET)
    return {
        "cycle_form": cycle_form,
        "cycle": cycle_form.selected_cycle(),
        "charter_version": CharterVersion.objects.current(),
        "today": timezone.localdate(),
    }


def _territory_figures(actor, context):
    """The overview's rows per territory in the actor's scope and their total, for the page and its CSV."""
    return exports.territory_figures(
        territories=permissions.territories_visible_to(actor),
        structures=permissions.structures_visible_to(actor),
        cycle=context["cycle"],
        charter_version=context["charter_version"],
        today=context["today"],
    )


@coordinators_only
def overview(request):
    context = _overview_context(request)
    rows, total = _territory_figures(request.actor, context)
    return render(
        request,
        "members/coordination_overview.html",
        {
            **context,
            "rows": rows,
            "total": total,
            "overdue_applies": exports.cycle_is_overdue(context["cycle"], context["today"]),
        },
    )


@coordinators_only
def overview_csv(request):
    context = _overview_context(request)
    rows, total = _territory_figures(request.actor, context)
    return exports.territory_figures_csv(rows=rows, total=total, cycle=context["cycle"], today=context["today"])


@coordinators_only
def structures_csv(request):
    context = _overview_context(request)
    structures = permissions.structures_visible_to(request.actor).with_commitment_figures(
        cycle=context["cycle"], charter_version=context["charter_version"]
    )
    return exports.structure_figures_csv(structures=structures, cycle=context["cycle"], today=context["today"])
