"""What the working groups' pages read."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from members.models import Membership
from spro_portal.pagination import Pagination

from ..models import GroupJoinRequest, GroupMembership, WorkingGroup
from ..permissions import forum as forum_permissions
from ..permissions import groups as permissions
from .forum import topic_list

MEMBERS_SHOWN = 200


@dataclass(frozen=True)
class GroupRow:
    group: WorkingGroup
    can: permissions.GroupAbilities


def _with_my_status(groups, actor):
    user_id = actor.user.pk
    return groups.annotate(
        i_am_member=Exists(GroupMembership.objects.filter(group=OuterRef("pk"), user_id=user_id)),
        i_asked=Exists(
            GroupJoinRequest.objects.filter(
                group=OuterRef("pk"), user_id=user_id, status=GroupJoinRequest.Status.PENDING
            )
        ),
    )


@dataclass(frozen=True)
class GroupListPage:
    rows: list


def group_list_page(actor):
    """Every group, open ones first, with what this person may do in each."""
    groups = _with_my_status(permissions.groups_visible_to(actor), actor).order_by("is_closed", "name")
    return GroupListPage(
        rows=[
            GroupRow(group, permissions.group_abilities(actor, group, member=group.i_am_member, pending=group.i_asked))
            for group in groups
        ]
    )


@dataclass(frozen=True)
class GroupPage:
    group: WorkingGroup
    can: permissions.GroupAbilities
    filter: object
    pages: Pagination | None
    rows: list
    members: list
    requests: list


def group_page(actor, request, group):
    group = _with_my_status(WorkingGroup.objects.filter(pk=group.pk), actor).select_related("created_by").get()
    can = permissions.group_abilities(actor, group, member=group.i_am_member, pending=group.i_asked)
    topic_filter, pages, rows, members, requests = None, None, [], [], []
    if can.read:
        topics = forum_permissions.topics_visible_to(actor).filter(working_group=group)
        topic_filter, pages, rows = topic_list(actor, request, topics)
        members = list(
            group.memberships.select_related("user")
            .prefetch_related(
                Prefetch(
                    "user__memberships",
                    queryset=Membership.objects.active().select_related("structure"),
                    to_attr="active_memberships",
                )
            )
            .order_by("user__last_name", "user__first_name")[:MEMBERS_SHOWN]
        )
    if can.decide:
        requests = list(
            group.join_requests.filter(status=GroupJoinRequest.Status.PENDING)
            .select_related("user")
            .order_by("created_at")
        )
    return GroupPage(
        group=group, can=can, filter=topic_filter, pages=pages, rows=rows, members=members, requests=requests
    )
