"""Who may read and review structures' commitments, and see the coordination overview and its exports."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import CommitmentSet, Structure, Territory


def can_read_commitment_review(actor, commitment_set):
    """A coordinator reads the commitments of the structures their scope covers."""
    return actor.covers(commitment_set.structure)


def can_review_commitment_set(actor, commitment_set):
    """A coordinator gives their opinion on submitted commitments of a structure in their scope."""
    return commitment_set.status == CommitmentSet.Status.SUBMITTED and can_read_commitment_review(actor, commitment_set)


def commitment_sets_visible_to(actor):
    """Commitment sets of the structures in a coordinator's scope (none for anyone else)."""
    return CommitmentSet.objects.filter(structure__in=Structure.objects.in_scope_of(actor))


def structures_visible_to(actor):
    """Structures whose figures a coordinator sees in the overview and its exports."""
    return Structure.objects.in_scope_of(actor)


def territories_visible_to(actor):
    """Territories a coordinator covers: all of them for a regional coordinator."""
    if actor.is_regional_coordinator:
        return Territory.objects.all()
    if actor.is_coordinator:
        return Territory.objects.filter(pk__in=actor.territory_ids)
    return Territory.objects.none()


def get_commitment_set_for_review(actor, pk):
    """The set to review, or 403 for non-coordinators and 404 outside the scope (not to reveal it exists)."""
    if not actor.is_coordinator:
        raise PermissionDenied("Cette page est réservée aux coordinateur·rices du SPRO.")
    queryset = commitment_sets_visible_to(actor).select_related(
        "structure__territory", "cycle", "charter_version", "submitted_by"
    )
    return get_object_or_404(queryset, pk=pk)
