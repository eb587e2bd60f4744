"""Joining and leaving working groups, and deciding on requests to join a closed one."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import GroupJoinRequest, GroupMembership, WorkingGroup
from . import ServiceError


def _add_member(group, user):
    membership, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if created:
        WorkingGroup.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
    return membership


def group_join(*, group, user):
    """Join a group straight away (the permission says who may: open groups, or coordinators)."""
    with transaction.atomic():
        membership = _add_member(group, user)
        GroupJoinRequest.objects.filter(group=group, user=user, status=GroupJoinRequest.Status.PENDING).update(
            status=GroupJoinRequest.Status.ACCEPTED, decided_at=timezone.now()
        )
    return membership


def group_leave(*, group, user):
    with transaction.atomic():
        if GroupMembership.objects.filter(group=group, user=user).delete()[0]:
            WorkingGroup.objects.filter(pk=group.pk).update(member_count=F("member_count") - 1)


def group_request_create(*, group, user, message=""):
    """Ask to join a closed group; the coordinators and the group's creator see the request on its page."""
    if GroupMembership.objects.filter(group=group, user=user).exists():
        raise ServiceError("Vous êtes déjà membre de ce groupe.")
    if GroupJoinRequest.objects.filter(group=group, user=user, status=GroupJoinRequest.Status.PENDING).exists():
        raise ServiceError("Votre demande est déjà en attente.")
    return GroupJoinRequest.objects.create(group=group, user=user, message=message.strip())


def _decide(join_request, status, decided_by):
    with transaction.atomic():
        join_request = GroupJoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != GroupJoinRequest.Status.PENDING:
            raise ServiceError("Cette demande a déjà été traitée.")
        join_request.status = status
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at"])
        if status == GroupJoinRequest.Status.ACCEPTED:
            _add_member(join_request.group, join_request.user)
    return join_request


def group_request_accept(*, join_request, decided_by):
    return _decide(join_request, GroupJoinRequest.Status.ACCEPTED, decided_by)


def group_request_refuse(*, join_request, decided_by):
    return _decide(join_request, GroupJoinRequest.Status.REFUSED, decided_by)
