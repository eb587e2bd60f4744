"""The proposal page: the text and its revisions with their differences, the discussion, positions, decisions."""

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch

from members.models import Mission

from .. import permissions
from ..models import Indicator, IndicatorProposal, Position, ProposalRevision
from ..services.proposals import adoption_min_structures, adoption_problems

FIELD_LABELS = {
    name: IndicatorProposal._meta.get_field(name.removesuffix("_id")).verbose_name
    for name in IndicatorProposal.DEFINITION_FIELDS
}


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str

    @property
    def is_added(self):
        return self.kind == "added"

    @property
    def is_removed(self):
        return self.kind == "removed"


def _readable(revision, name, missions):
    value = getattr(revision, name)
    if name == "mission_id":
        return missions.get(value, "Toutes les missions")
    field = ProposalRevision._meta.get_field(name)
    if field.choices:
        return dict(field.choices).get(value, value)
    return "" if value is None else str(value)


def word_diff(before, after):
    """The words removed and added between two texts, in reading order."""
    old, new = before.split(), after.split()
    segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", " ".join(new[j1:j2])))
    return segments


def revision_changes(revisions, missions):
    """Per revision after the first: the fields that changed, each with its word diff."""
    changes = []
    for previous, revision in zip(revisions, revisions[1:], strict=False):
        fields = []
        for name in IndicatorProposal.DEFINITION_FIELDS:
            before, after = _readable(previous, name, missions), _readable(revision, name, missions)
            if before != after:
                fields.append({"label": FIELD_LABELS[name], "segments": word_diff(before, after)})
        changes.append({"revision": revision, "fields": fields})
    return list(reversed(changes))


def proposal_page(actor, proposal):
    revisions = list(proposal.revisions.select_related("author"))
    missions = dict(Mission.objects.values_list("pk", "name"))
    positions = list(
        Position.objects.filter(proposal=proposal)
        .select_related("user", "structure", "answer__author")
        .order_by("-created_at", "-pk")
    )
    current = [position for position in positions if position.is_current]
    mine = next((p for p in current if actor.is_authenticated and p.user_id == actor.user.pk), None)
    can = permissions.proposal_abilities(actor, proposal)
    return {
        "proposal": proposal,
        "can": can,
        "revisions": revisions,
        "changes": revision_changes(revisions, missions),
        "mission_name": missions.get(proposal.mission_id, "Toutes les missions"),
        "comments": list(proposal.comments.select_related("author", "author_structure")),
        "current_positions": current,
        "past_positions": [position for position in positions if not position.is_current],
        "position_counts": {
            label: sum(1 for position in current if position.kind == kind)
            for label, kind in (
                ("supports", Position.Kind.SUPPORT),
                ("reservations", Position.Kind.RESERVATION),
                ("objections", Position.Kind.OBJECTION),
            )
        },
        "structure_count": len({position.structure_id for position in current}),
        "min_structures": adoption_min_structures(),
        "my_position": mine,
        "events": list(proposal.events.select_related("by")),
        "adoption_problems": adoption_problems(proposal) if can.decide else [],
        "indicator": _adopted_indicator(proposal),
    }


def _adopted_indicator(proposal):
    if proposal.status != proposal.Status.ADOPTED:
        return None
    return proposal.amends or Indicator.objects.filter(proposal=proposal).first()


def proposal_queryset():
    return IndicatorProposal.objects.select_related(
        "author", "author_structure", "mission", "amends__current_version"
    ).prefetch_related(Prefetch("revisions", queryset=ProposalRevision.objects.select_related("author")))
