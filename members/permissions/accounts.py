"""Who confirms the closing of an account: a person closes their own, except the last referent of a structure,
whose request a coordinator covering that structure (or the technical team) confirms."""

from django.db.models import Q
from django.http import Http404

from spro_portal.access import guard

from ..models import Membership, Structure, User
from .memberships import last_referent_id


def _active_membership(person):
    return Membership.objects.active().select_related("structure").filter(user=person).first()


def is_last_referent(person):
    """Whether closing this person's account would leave their structure without an active referent."""
    membership = _active_membership(person)
    return (
        membership is not None and membership.is_referent and last_referent_id(membership.structure_id) == membership.pk
    )


def can_confirm_closures(actor):
    """Coordinators confirm the requests of the structures in their scope; the technical team, any request."""
    return actor.is_coordinator or actor.is_staff


closure_confirmers_only = guard(
    can_confirm_closures, "Cette page est réservée aux coordinateur·rices du SPRO et à l'équipe technique."
)


def closures_awaiting(actor):
    """Closing requests this actor may confirm: all for staff, those of the structures in scope for a coordinator."""
    requested = User.objects.filter(closure_requested_at__isnull=False, closed_at__isnull=True)
    if actor.is_staff:
        return requested
    if not actor.is_coordinator:
        return requested.none()
    in_scope = Structure.objects.in_scope_of(actor)
    return requested.filter(Q(memberships__is_active=True, memberships__structure__in=in_scope)).distinct()


def get_closure_for_confirmation(actor, pk):
    """The request to confirm, or 404: a request out of the actor's scope does not exist for them."""
    person = closures_awaiting(actor).filter(pk=pk).first()
    if person is None:
        raise Http404("Aucune demande de fermeture ne correspond.")
    return person
