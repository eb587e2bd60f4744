"""Who may see and do what in the members app. Every view asks here; nothing else decides."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import JoinRequest, Membership, Structure


def can_see_member_pages(actor):
    """Inner pages are for people of a structure and for coordinators."""
    return actor.is_member


def can_access_coordination(actor):
    return actor.is_coordinator


def can_manage_structure_members(actor, structure):
    """A structure's referents manage its people; so do coordinators whose scope covers it."""
    return actor.is_referent_of(structure) or actor.covers(structure)


def can_decide_join_request(actor, join_request):
    return join_request.status == JoinRequest.Status.PENDING and can_manage_structure_members(
        actor, join_request.structure
    )


def can_ask_to_join(actor):
    """Anyone logged in without an active structure may ask to join one."""
    return actor.is_authenticated and not actor.is_structure_member


def invitable_roles(actor, structure):
    if not can_manage_structure_members(actor, structure):
        return []
    return list(Membership.Role.choices)


def members_only(view):
    """Refuse (403) a logged-in person who is neither in a structure nor a coordinator."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_see_member_pages(request.actor):
            raise PermissionDenied("Cette page est réservée aux membres du réseau.")
        return view(request, *args, **kwargs)

    return wrapper


def coordinators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_access_coordination(request.actor):
            raise PermissionDenied("Cette page est réservée aux coordinateur·rices du SPRO.")
        return view(request, *args, **kwargs)

    return wrapper


def get_structure_for_member_management(actor, slug):
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not can_manage_structure_members(actor, structure):
        raise PermissionDenied("Vous ne gérez pas les membres de cette structure.")
    return structure


def get_join_request_for_decision(actor, pk):
    join_request = get_object_or_404(JoinRequest.objects.select_related("structure", "user"), pk=pk)
    if not can_decide_join_request(actor, join_request):
        raise PermissionDenied("Vous ne pouvez pas traiter cette demande.")
    return join_request


def join_requests_visible_to(actor):
    """Pending join requests this actor may decide on."""
    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related("user", "structure")
    if actor.is_referent:
        return pending.filter(structure_id=actor.structure_id)
    if actor.is_coordinator:
        return pending.filter(structure__in=Structure.objects.in_scope_of(actor))
    return pending.none()
