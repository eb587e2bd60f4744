"""Who may see and do what in the members app. Every view asks here; nothing else decides."""

from spro_portal.access import guard

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


members_only = guard(can_see_member_pages, "Cette page est réservée aux membres du réseau.")
coordinators_only = guard(can_access_coordination, "Cette page est réservée aux coordinateur·rices du SPRO.")
