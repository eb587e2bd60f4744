"""Who may manage a structure's people: memberships, invitations and join requests."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from ..models import Invitation, JoinRequest, Membership, Structure


def can_manage_structure_members(actor, structure):
    """A structure's referents manage its people; so do coordinators whose scope covers it."""
    return actor.is_referent_of(structure) or actor.covers(structure)


def can_decide_join_request(actor, join_request):
    """A pending join request is decided by those who manage the structure's people."""
    return join_request.status == JoinRequest.Status.PENDING and can_manage_structure_members(
        actor, join_request.structure
    )


def invitable_roles(actor, structure):
    """The roles this actor may invite someone to take in the structure."""
    if not can_manage_structure_members(actor, structure):
        return []
    return list(Membership.Role.choices)


def get_structure_for_member_management(actor, slug):
    """The structure whose people the actor manages, or 404 (unknown slug) / 403 (not theirs)."""
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not can_manage_structure_members(actor, structure):
        raise PermissionDenied("Vous ne gérez pas les membres de cette structure.")
    return structure


def get_membership_for_management(actor, structure, pk):
    """A membership of this structure the actor manages; 404 when the id belongs to another structure."""
    if not can_manage_structure_members(actor, structure):
        raise PermissionDenied("Vous ne gérez pas les membres de cette structure.")
    return get_object_or_404(
        Membership.objects.select_related("user", "structure", "updated_by"),
        pk=pk,
        structure=structure,
    )


def get_invitation_for_management(actor, structure, pk):
    """An invitation to this structure the actor manages; 404 when the id belongs to another structure."""
    if not can_manage_structure_members(actor, structure):
        raise PermissionDenied("Vous ne gérez pas les membres de cette structure.")
    return get_object_or_404(Invitation.objects.select_related("structure"), pk=pk, structure=structure)


def get_join_request_for_decision(actor, pk):
    """A pending join request the actor may decide, or 404 / 403."""
    join_request = get_object_or_404(JoinRequest.objects.select_related("structure", "user"), pk=pk)
    if not can_decide_join_request(actor, join_request):
        raise PermissionDenied("Vous ne pouvez pas traiter cette demande.")
    return join_request


def join_requests_visible_to(actor):
    """Pending join requests this actor may decide on, once announced (their author's address is verified)."""
    pending = JoinRequest.objects.pending().announced().select_related("user", "structure")
    if actor.is_referent:
        return pending.filter(structure_id=actor.structure_id)
    if actor.is_coordinator:
        return pending.filter(structure__in=Structure.objects.in_scope_of(actor))
    return pending.none()


LAST_REFERENT_MESSAGE = (
    "Une structure garde toujours au moins un·e référent·e actif·ve : nommez d'abord un·e autre référent·e."
)
_LOOK_UP = object()


def last_referent_id(structure_id):
    """The id of the structure's only active referent, or None when it has several (or none)."""
    ids = list(Membership.objects.referents().filter(structure_id=structure_id).values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def keeps_a_referent(membership, last_referent_pk=_LOOK_UP):
    """A structure always keeps an active referent: its only one may neither change role nor leave.

    The members page passes `last_referent_pk` (from last_referent_id) to check every row with one query; the
    services let it be looked up, under their lock on the structure.
    """
    if last_referent_pk is _LOOK_UP:
        last_referent_pk = last_referent_id(membership.structure_id)
    return membership.pk != last_referent_pk


@dataclass(frozen=True)
class MembershipAbilities:
    """What the person looking at a membership may do to it, for the members page and the confirmation page."""

    change_role: bool
    deactivate: bool


def membership_abilities(actor, membership, last_referent_pk=_LOOK_UP):
    """Roles change and people leave while they are members, and only if the structure keeps a referent."""
    may = can_change_membership_role(actor, membership) and keeps_a_referent(membership, last_referent_pk)
    return MembershipAbilities(change_role=may, deactivate=may)


def can_change_membership_role(actor, membership):
    """Roles change for current members only: a former member is reactivated first."""
    return membership.is_active and can_manage_structure_members(actor, membership.structure)


# Reads for the management page: what a person who manages the structure sees, ready to list.


def active_memberships_for_management(structure):
    return (
        Membership.objects.active()
        .filter(structure=structure)
        .select_related("user", "structure", "updated_by")
        .order_by("-role", "user__last_name", "user__first_name", "pk")
    )


def former_memberships_for_management(structure):
    """Inactive memberships, each with `active_elsewhere`: the person already belongs to another structure."""
    return (
        Membership.objects.filter(structure=structure, is_active=False)
        .select_related("user", "updated_by")
        .annotate(active_elsewhere=Exists(Membership.objects.active().filter(user_id=OuterRef("user_id"))))
        .order_by("-updated_at", "pk")
    )


def open_invitations_for_management(structure):
    """Invitations neither accepted nor cancelled, expired ones included so they can be sent again."""
    return (
        Invitation.objects.filter(structure=structure, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def pending_join_requests_for_management(structure):
    return (
        JoinRequest.objects.pending()
        .announced()
        .filter(structure=structure)
        .select_related("user")
        .order_by("created_at", "pk")
    )
