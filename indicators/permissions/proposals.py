"""Who reads, writes, discusses and decides indicator proposals."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ..models import IndicatorProposal

__all__ = [
    "ProposalAbilities",
    "can_decide_proposal",
    "can_open_discussion",
    "can_propose",
    "get_proposal",
    "proposal_abilities",
    "proposals_visible_to",
]

Status = IndicatorProposal.Status


def proposals_visible_to(actor, queryset=None):
    """Coordinators see every proposal; other members every proposal but the drafts of others."""
    queryset = IndicatorProposal.objects.all() if queryset is None else queryset
    if actor.is_coordinator:
        return queryset
    if not actor.is_member:
        return queryset.none()
    return queryset.filter(~Q(status=Status.DRAFT) | Q(author=actor.user))


def get_proposal(actor, pk, queryset=None):
    """The proposal, or 404 for anyone who may not read it (an id reveals nothing)."""
    proposal = proposals_visible_to(actor, queryset).filter(pk=pk).first()
    if proposal is None:
        raise Http404("Proposition introuvable.")
    return proposal


def can_propose(actor):
    return actor.is_member


def _is_author(actor, proposal):
    return actor.is_authenticated and proposal.author_id == actor.user.pk


def can_edit_proposal(actor, proposal):
    """The author revises the text while it is a draft or in discussion."""
    return _is_author(actor, proposal) and proposal.status in IndicatorProposal.OPEN_STATUSES


def can_comment(actor, proposal):
    return actor.is_member and proposal.status == Status.DISCUSSION


def discussion_is_running(proposal, today=None):
    today = today or timezone.localdate()
    return proposal.status == Status.DISCUSSION and (
        proposal.discussion_ends_on is None or today <= proposal.discussion_ends_on
    )


def can_take_position(actor, proposal):
    """People of a structure, until the end of the discussion: positions are counted per structure."""
    return actor.is_structure_member and discussion_is_running(proposal)


def can_answer_objections(actor, proposal):
    return proposal.status == Status.DISCUSSION and (_is_author(actor, proposal) or actor.is_coordinator)


def can_open_discussion(actor, proposal=None):
    return actor.is_coordinator and (proposal is None or proposal.status == Status.DRAFT)


def can_decide_proposal(actor, proposal=None):
    """Adopting or rejecting is for regional coordinators: an indicator is the whole network's."""
    return actor.is_regional_coordinator and (proposal is None or proposal.status == Status.DISCUSSION)


@dataclass(frozen=True)
class ProposalAbilities:
    edit: bool
    withdraw: bool
    comment: bool
    take_position: bool
    answer_objections: bool
    open_discussion: bool
    decide: bool


def proposal_abilities(actor, proposal):
    return ProposalAbilities(
        edit=can_edit_proposal(actor, proposal),
        withdraw=can_edit_proposal(actor, proposal),
        comment=can_comment(actor, proposal),
        take_position=can_take_position(actor, proposal),
        answer_objections=can_answer_objections(actor, proposal),
        open_discussion=can_open_discussion(actor, proposal),
        decide=can_decide_proposal(actor, proposal),
    )
