"""Working groups: who sees a group's topics and members, who joins, who decides on requests.

Anyone in the network sees that a group exists (so they can ask to join it); a closed group's topics and members
are for its members and the coordinators only. Open groups are joined directly, closed ones on request, which a
coordinator or the group's creator accepts. Coordinators join any group directly.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import GroupJoinRequest, GroupMembership, WorkingGroup
from . import can_use, is_moderator


def group_ids_of(actor):
    """The groups a person belongs to, as a subquery (never evaluated here)."""
    return GroupMembership.objects.filter(user_id=actor.user.pk).values("group_id")


def groups_visible_to(actor):
    """Every group is listed to members (a closed one shows only its name and presentation)."""
    if not can_use(actor):
        return WorkingGroup.objects.none()
    return WorkingGroup.objects.all()


def groups_readable_by(actor):
    """Groups whose topics and members this person may read."""
    if not can_use(actor):
        return WorkingGroup.objects.none()
    if is_moderator(actor):
        return WorkingGroup.objects.all()
    return WorkingGroup.objects.filter(Q(is_closed=False) | Q(pk__in=group_ids_of(actor)))


def is_group_member(actor, group):
    return actor.is_authenticated and GroupMembership.objects.filter(group=group, user_id=actor.user.pk).exists()


def can_read_group(actor, group, *, member):
    return can_use(actor) and (not group.is_closed or member or is_moderator(actor))


def can_join_group(actor, group, *, member):
    """Straight in: an open group, or any group for a coordinator."""
    return can_use(actor) and not member and (not group.is_closed or is_moderator(actor))


def can_request_to_join(actor, group, *, member, pending):
    return can_use(actor) and not member and group.is_closed and not is_moderator(actor) and not pending


def can_leave_group(actor, group, *, member):
    return member


def can_decide_group_requests(actor, group):
    """A coordinator, or the person who created the group."""
    return can_use(actor) and (is_moderator(actor) or (group.created_by_id and group.created_by_id == actor.user.pk))


def can_start_topic_in_group(actor, group, *, member):
    return can_use(actor) and (member or is_moderator(actor))


@dataclass(frozen=True)
class GroupAbilities:
    read: bool = False
    join: bool = False
    request: bool = False
    leave: bool = False
    decide: bool = False
    start_topic: bool = False
    is_member: bool = False
    has_pending_request: bool = False


def group_abilities(actor, group, *, member, pending):
    return GroupAbilities(
        read=can_read_group(actor, group, member=member),
        join=can_join_group(actor, group, member=member),
        request=can_request_to_join(actor, group, member=member, pending=pending),
        leave=can_leave_group(actor, group, member=member),
        decide=can_decide_group_requests(actor, group),
        start_topic=can_start_topic_in_group(actor, group, member=member),
        is_member=member,
        has_pending_request=pending,
    )


def get_group(actor, slug):
    return get_object_or_404(groups_visible_to(actor).select_related("created_by"), slug=slug)


def get_join_request_for_decision(actor, group, pk):
    """A pending request of this group, for someone who decides on them (404 otherwise)."""
    if not can_decide_group_requests(actor, group):
        raise PermissionDenied("Seul·es les coordinateur·rices et la personne qui a créé le groupe décident.")
    if pk > 2**63 - 1:
        raise Http404("Cette demande n'existe pas.")
    return get_object_or_404(
        GroupJoinRequest.objects.select_related("user"), group=group, pk=pk, status=GroupJoinRequest.Status.PENDING
    )


def get_group_for_new_topic(actor, slug):
    """The group a new topic goes to: its members and the coordinators start topics there."""
    group = get_group(actor, slug)
    if not can_start_topic_in_group(actor, group, member=is_group_member(actor, group)):
        raise PermissionDenied("Rejoignez ce groupe de travail pour y ouvrir un sujet.")
    return group


def get_group_for_joining(actor, slug):
    group = get_group(actor, slug)
    member = is_group_member(actor, group)
    if not (can_join_group(actor, group, member=member) or (group.is_closed and not member)):
        raise PermissionDenied("Vous êtes déjà membre de ce groupe.")
    return group


def join_needs_request(actor, group):
    """Whether joining this group is asking (closed group, not a coordinator) rather than entering."""
    return group.is_closed and not is_moderator(actor)


def group_ids_by_person(actors):
    """`{user.pk: {group id, …}}`: the groups of many people at once, in one query (the digest's chunks)."""
    ids = [actor.user.pk for actor in actors if actor.is_authenticated]
    found = {pk: set() for pk in ids}
    for user_id, group_id in GroupMembership.objects.filter(user_id__in=ids).values_list("user_id", "group_id"):
        found[user_id].add(group_id)
    return found
