"""Who may see and do what in the members app. Every view asks here; nothing else decides."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .memberships import (
    can_decide_join_request,
    can_manage_structure_members,
    get_join_request_for_decision,
    get_structure_for_member_management,
    invitable_roles,
    join_requests_visible_to,
)

# Membership rules live in .memberships; other code keeps importing them from here.
__all__ = [
    "can_decide_join_request",
    "can_manage_structure_members",
    "get_join_request_for_decision",
    "get_structure_for_member_management",
    "invitable_roles",
    "join_requests_visible_to",
]


def can_see_member_pages(actor):
    """Inner pages are for people of a structure and for coordinators."""
    return actor.is_member


def can_access_coordination(actor):
    return actor.is_coordinator


def can_ask_to_join(actor):
    """Anyone logged in without an active structure may ask to join one."""
    return actor.is_authenticated and not actor.is_structure_member


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
