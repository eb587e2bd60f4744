"""Who may read and write a structure's commitments and their evidence.

Every member of a structure reads its commitments; only its referents write them, and only while the set is a
draft or after changes were requested. Coordinators whose scope covers the structure read them (they review them
in the coordination pages). Anyone else is told nothing exists (404), so ids reveal nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from ..models import Commitment, CommitmentSet, Evidence, User

EDITABLE_STATUSES = (CommitmentSet.Status.DRAFT, CommitmentSet.Status.CHANGES_REQUESTED)


def can_read_commitments(actor, structure):
    return actor.structure_id == structure.pk or actor.covers(structure)


def can_start_commitments(actor, structure):
    """Only a referent of the structure starts its commitments of a new cycle (by a button: a visit writes nothing)."""
    return actor.is_referent_of(structure)


def get_structure_for_start(actor):
    """The actor's own structure, whose commitments they may start, or 403."""
    if actor.structure is None or not can_start_commitments(actor, actor.structure):
        raise PermissionDenied("Seul·es les référent·es d'une structure commencent ses engagements.")
    return actor.structure


def can_open_structure_review(actor, structure):
    """Coordinators in scope get a link from a structure's commitments to its review page."""
    return actor.covers(structure)


def can_edit_commitments(actor, commitment_set):
    """Referents of the structure, while the set is a draft or changes were requested."""
    return actor.is_referent_of(commitment_set.structure) and commitment_set.status in EDITABLE_STATUSES


@dataclass(frozen=True)
class CommitmentAbilities:
    """What the commitments page offers to one person, for one structure and its set of the current cycle."""

    own_structure: bool = False  # the page is about the person's own structure
    start: bool = False  # no set yet, and the person may start it
    edit: bool = False  # write the texts, the evidence, and submit
    read_only_draft: bool = False  # the set is still being written, by others: say who writes it
    open_review: bool = False  # link to the coordination's review page


def commitment_abilities(actor, structure, commitment_set):
    if structure is None:
        return CommitmentAbilities()
    edit = commitment_set is not None and can_edit_commitments(actor, commitment_set)
    return CommitmentAbilities(
        own_structure=actor.structure_id == structure.pk,
        start=commitment_set is None and can_start_commitments(actor, structure),
        edit=edit,
        read_only_draft=commitment_set is not None and commitment_set.status in EDITABLE_STATUSES and not edit,
        open_review=commitment_set is not None and can_open_structure_review(actor, structure),
    )


def ensure_can_edit_commitments(actor, commitment_set):
    if not actor.is_referent_of(commitment_set.structure):
        raise PermissionDenied("Seul·es les référent·es de la structure modifient ses engagements.")
    if commitment_set.status not in EDITABLE_STATUSES:
        raise PermissionDenied(
            "Ces engagements ont été déposés : ils ne sont plus modifiables tant que la coordination ne les a pas "
            "relus."
        )


def get_commitment_for_edit(actor, pk):
    """The commitment (one item of a set) a referent adds evidence to."""
    commitment = (
        Commitment.objects.select_related("item", "commitment_set__structure", "commitment_set__cycle")
        .filter(pk=pk)
        .first()
    )
    if commitment is None or not can_read_commitments(actor, commitment.commitment_set.structure):
        raise Http404("Engagement introuvable.")
    ensure_can_edit_commitments(actor, commitment.commitment_set)
    return commitment


def _get_evidence(actor, pk):
    evidence = (
        Evidence.objects.select_related("commitment__item", "commitment__commitment_set__structure")
        .filter(pk=pk, removed_at__isnull=True)
        .first()
    )
    if evidence is None or not can_read_commitments(actor, evidence.commitment.commitment_set.structure):
        raise Http404("Preuve introuvable.")
    return evidence


def get_evidence_for_download(actor, pk):
    """Members of the evidence's structure and coordinators in scope; for anyone else it does not exist."""
    evidence = _get_evidence(actor, pk)
    if not evidence.is_file:
        raise Http404("Cette preuve est un lien, pas un fichier.")
    return evidence


def get_evidence_for_removal(actor, pk):
    evidence = _get_evidence(actor, pk)
    ensure_can_edit_commitments(actor, evidence.commitment.commitment_set)
    return evidence


def coordinators_covering(structure):
    """Active coordinators whose scope includes the structure: the regional ones and those of its territory."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(coordinator__is_regional=True) | Q(coordinator__territories=structure.territory_id))
        .distinct()
        .order_by("email")
    )
