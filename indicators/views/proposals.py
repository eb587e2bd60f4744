"""Indicator proposals: list, new and revised texts, the discussion, positions, answers, decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pagination import paginate

from .. import permissions
from ..filters.proposals import ProposalFilter
from ..forms.proposals import AnswerForm, CommentForm, OpenDiscussionForm, PositionForm, ProposalForm, ReasonForm
from ..models import Indicator, IndicatorProposal, Position
from ..pages.proposals import proposal_page, proposal_queryset
from ..permissions import proposals as proposal_permissions
from ..services import ServiceError
from ..services import proposals as services


@permissions.members_only
def proposal_list(request):
    filterset = ProposalFilter(request.GET, queryset=permissions.proposals_visible_to(request.actor).for_list())
    return render(
        request,
        "indicators/proposal_list.html",
        {
            "page": paginate(request, filterset.qs, 25),
            "filter": filterset,
            "can_propose": permissions.can_propose(request.actor),
        },
    )


@permissions.members_only
def proposal_create(request):
    if not permissions.can_propose(request.actor):
        raise PermissionDenied("Seuls les membres du réseau proposent des indicateurs.")
    amends = None
    if request.GET.get("amende"):
        amends = get_object_or_404(Indicator.objects.select_related("current_version"), slug=request.GET["amende"])
    initial = (
        amends.current_version.definition_values() | {"mission": amends.current_version.mission_id} if amends else None
    )
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                author=request.user, structure=request.actor.structure, data=form.definition_data(), amends=amends
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Proposition enregistrée en brouillon : la coordination l'ouvrira à la discussion."
            )
            return redirect(proposal)
    return render(request, "indicators/proposal_form.html", {"form": form, "proposal": None, "amends": amends})


def _render_detail(request, proposal, status=200, **forms):
    context = proposal_page(request.actor, proposal)
    context.update(
        {
            "comment_form": forms.get("comment_form") or CommentForm(),
            "position_form": forms.get("position_form")
            or PositionForm(
                initial={"kind": context["my_position"].kind, "reason": context["my_position"].reason}
                if context["my_position"]
                else None
            ),
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "answer_for": forms.get("answer_for"),
            "discussion_form": forms.get("discussion_form") or OpenDiscussionForm(),
            "reject_form": forms.get("reject_form") or ReasonForm(),
        }
    )
    return render(request, "indicators/proposal_detail.html", context, status=status)


@permissions.members_only
def proposal_detail(request, pk):
    return _render_detail(request, permissions.get_proposal(request.actor, pk, proposal_queryset()))


@permissions.members_only
def proposal_edit(request, pk):
    proposal = permissions.get_proposal(request.actor, pk)
    if not proposal_permissions.can_edit_proposal(request.actor, proposal):
        raise PermissionDenied("Seul·e l'auteur·rice révise une proposition, tant qu'elle n'est pas tranchée.")
    form = ProposalForm(request.POST or None, instance=proposal, is_revision=True)
    if request.method == "POST" and form.is_valid():
        try:
            # A ModelForm writes its cleaned values on the instance: start again from the stored row.
            proposal = services.proposal_revise(
                proposal=IndicatorProposal.objects.get(pk=pk),
                data=form.definition_data(),
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Révision {proposal.revision} enregistrée ; la précédente reste lisible.")
            return redirect(proposal)
    return render(
        request, "indicators/proposal_form.html", {"form": form, "proposal": proposal, "amends": proposal.amends}
    )


def _act(request, proposal, action, success):
    try:
        action()
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(proposal)


@require_POST
@permissions.members_only
def proposal_comment(request, pk):
    proposal = permissions.get_proposal(request.actor, pk, proposal_queryset())
    if not proposal_permissions.can_comment(request.actor, proposal):
        raise PermissionDenied("On ne commente une proposition que pendant sa discussion.")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, comment_form=form)
    return _act(
        request,
        proposal,
        lambda: services.comment_add(
            proposal=proposal, author=request.user, structure=request.actor.structure, body=form.cleaned_data["body"]
        ),
        "Commentaire publié.",
    )


@require_POST
@permissions.members_only
def proposal_position(request, pk):
    proposal = permissions.get_proposal(request.actor, pk, proposal_queryset())
    if not proposal_permissions.can_take_position(request.actor, proposal):
        raise PermissionDenied("Les positions se prennent au nom d'une structure, pendant la discussion.")
    form = PositionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, position_form=form)
    try:
        services.position_take(
            proposal=proposal,
            user=request.user,
            structure=request.actor.structure,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as error:
        form.add_error("reason" if form.cleaned_data["kind"] == Position.Kind.OBJECTION else None, str(error))
        return _render_detail(request, proposal, status=400, position_form=form)
    messages.success(request, "Votre position est enregistrée.")
    return redirect(proposal)


@require_POST
@permissions.members_only
def objection_answer(request, pk, position_pk):
    proposal = permissions.get_proposal(request.actor, pk, proposal_queryset())
    if not proposal_permissions.can_answer_objections(request.actor, proposal):
        raise PermissionDenied("L'auteur·rice de la proposition et la coordination répondent aux objections.")
    position = get_object_or_404(Position, pk=position_pk, proposal=proposal, is_current=True)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, answer_form=form, answer_for=position.pk)
    return _act(
        request,
        proposal,
        lambda: services.objection_answer(position=position, author=request.user, body=form.cleaned_data["body"]),
        "Réponse publiée.",
    )


@require_POST
@permissions.members_only
def proposal_open_discussion(request, pk):
    proposal = permissions.get_proposal(request.actor, pk, proposal_queryset())
    if not proposal_permissions.can_open_discussion(request.actor, proposal):
        raise PermissionDenied("La coordination ouvre la discussion d'un brouillon.")
    form = OpenDiscussionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, discussion_form=form)
    return _act(
        request,
        proposal,
        lambda: services.proposal_open_discussion(
            proposal=proposal, ends_on=form.cleaned_data["ends_on"], by=request.user
        ),
        "La discussion est ouverte.",
    )


@require_POST
@permissions.members_only
def proposal_decide(request, pk):
    proposal = permissions.get_proposal(request.actor, pk, proposal_queryset())
    if not proposal_permissions.can_decide_proposal(request.actor, proposal):
        raise PermissionDenied("Seule la coordination régionale adopte ou rejette une proposition en discussion.")
    if request.POST.get("decision") == "adopt":
        try:
            indicator = services.proposal_adopt(proposal=proposal, by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect(proposal)
        messages.success(
            request, f"Indicateur adopté : sa définition en vigueur est la version {indicator.current_version.number}."
        )
        return redirect(indicator)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, reject_form=form)
    return _act(
        request,
        proposal,
        lambda: services.proposal_reject(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]),
        "Proposition rejetée ; le motif est affiché sur sa page.",
    )


@require_POST
@permissions.members_only
def proposal_withdraw(request, pk):
    proposal = permissions.get_proposal(request.actor, pk)
    if not proposal_permissions.can_edit_proposal(request.actor, proposal):
        raise PermissionDenied("Seul·e l'auteur·rice retire sa proposition.")
    return _act(
        request,
        proposal,
        lambda: services.proposal_withdraw(proposal=proposal, by=request.user),
        "Proposition retirée.",
    )
