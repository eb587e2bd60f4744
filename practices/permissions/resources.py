"""Who sees, downloads, edits and withdraws the library's resources, and who tells how they reused one.

Public resources are read by everyone, visitors included; network ones by the members; a working group's by its
members and the coordinators. A withdrawn resource is seen only by its author and the coordinators. The author or
a coordinator edits, adds versions and withdraws; any member tells a reuse story; whoever sees a resource
downloads its files.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ..models import Resource, ResourceVersion, Visibility
from . import can_use, is_moderator, sharing_role
from .forum import MAX_ID, checked_id
from .groups import group_ids_of, groups_readable_by

NOT_FOUND = "Cette ressource n'existe pas ou ne vous est pas ouverte."


def resources_visible_to(actor):
    """The resources this person may read (a queryset, reused by the list, the pages and the downloads)."""
    public = Q(visibility=Visibility.PUBLIC, withdrawn_at__isnull=True)
    if not can_use(actor):
        return Resource.objects.filter(public)
    if is_moderator(actor):
        return Resource.objects.all()
    return Resource.objects.filter(_readable_by_any_author(group_ids_of(actor)) | Q(author_id=actor.user.pk))


def _readable_by_any_author(group_ids):
    readable = Q(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK]) | Q(
        visibility=Visibility.GROUP, working_group_id__in=group_ids
    )
    return readable & Q(withdrawn_at__isnull=True)


class LibraryKey(NamedTuple):
    role: tuple
    group_ids: tuple = ()
    own: int | None = None  # who they are, when it changes what they read


def visibility_key(actor):
    """What decides which resources `resources_visible_to` gives this person, as a value: two people with the same
    read the same resources (a shared page's key, spro_portal.shared_pages). Their role, their groups, and who they
    are only when they wrote a resource the rule would not show them otherwise (withdrawn, or in a group they left).
    Two queries for a member."""
    if not can_use(actor) or is_moderator(actor):
        return LibraryKey(sharing_role(actor))
    group_ids = tuple(sorted(group_ids_of(actor).values_list("group_id", flat=True)))
    sees_own_only = (
        Resource.objects.filter(author_id=actor.user.pk).exclude(_readable_by_any_author(group_ids)).exists()
    )
    return LibraryKey(sharing_role(actor), group_ids, actor.user.pk if sees_own_only else None)


def can_read_resource(actor, resource, *, group_ids):
    """`resources_visible_to`'s rule for a resource already read, given the person's groups
    (`group_ids_by_person`): the digest checks a whole chunk of people against the same rows this way."""
    if resource.visibility == Visibility.PUBLIC and resource.withdrawn_at is None:
        return True
    if not can_use(actor):
        return False
    if is_moderator(actor) or resource.author_id == actor.user.pk:
        return True
    if resource.withdrawn_at is not None:
        return False
    return resource.visibility == Visibility.NETWORK or (
        resource.visibility == Visibility.GROUP and resource.working_group_id in group_ids
    )


def is_author(actor, resource):
    return actor.is_authenticated and resource.author_id == actor.user.pk


def can_edit_resource(actor, resource):
    """The author, or a coordinator; a withdrawn resource stays as it was."""
    return can_use(actor) and not resource.is_withdrawn and (is_author(actor, resource) or is_moderator(actor))


def can_add_version(actor, resource):
    return can_edit_resource(actor, resource) and resource.has_file


def can_withdraw_resource(actor, resource):
    return can_edit_resource(actor, resource)


def can_tell_reuse(actor, resource):
    """Any member tells how their structure reused a resource still offered."""
    return can_use(actor) and not resource.is_withdrawn


def can_share_resource(actor):
    return can_use(actor)


def can_discuss_resource(actor, resource):
    return can_use(actor) and not resource.is_withdrawn


@dataclass(frozen=True)
class ResourceAbilities:
    edit: bool = False
    add_version: bool = False
    withdraw: bool = False
    tell_reuse: bool = False
    download: bool = False
    discuss: bool = False
    is_member: bool = False


def resource_abilities(actor, resource):
    return ResourceAbilities(
        edit=can_edit_resource(actor, resource),
        add_version=can_add_version(actor, resource),
        withdraw=can_withdraw_resource(actor, resource),
        tell_reuse=can_tell_reuse(actor, resource),
        download=True,  # the page is only shown to those who see the resource
        discuss=can_discuss_resource(actor, resource),
        is_member=can_use(actor),
    )


def get_resource_for_reading(actor, pk):
    """A resource this person may not see does not exist for them (404)."""
    checked_id(pk)
    return get_object_or_404(resources_visible_to(actor).for_page(), pk=pk)


def get_resource_for_edit(actor, pk):
    resource = get_resource_for_reading(actor, pk)
    if not can_edit_resource(actor, resource):
        raise PermissionDenied("Seul·es l'auteur·rice de la ressource et les coordinateur·rices la modifient.")
    return resource


def get_resource_for_new_version(actor, pk):
    resource = get_resource_for_edit(actor, pk)
    if not resource.has_file:
        raise PermissionDenied("Cette ressource est un lien : modifiez-la pour changer son adresse.")
    return resource


def get_resource_for_reuse_story(actor, pk):
    resource = get_resource_for_reading(actor, pk)
    if not can_tell_reuse(actor, resource):
        raise PermissionDenied("Seul·es les membres du réseau racontent une réutilisation, d'une ressource proposée.")
    return resource


def get_version_for_download(actor, pk):
    """A file version of a resource this person sees (404 otherwise, even for a withdrawn one they cannot see)."""
    checked_id(pk)
    return get_object_or_404(
        ResourceVersion.objects.select_related("resource").filter(resource__in=resources_visible_to(actor)), pk=pk
    )


def resource_to_discuss(actor, raw_id):
    """The resource a new topic is about (the « ressource » parameter): None when absent, malformed or not for them."""
    try:
        pk = int(raw_id)
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= MAX_ID:
        return None
    resource = resources_visible_to(actor).kept().select_related("working_group").filter(pk=pk).first()
    return resource if resource is not None and can_discuss_resource(actor, resource) else None


def derivations_visible_to(actor, resource):
    return resources_visible_to(actor).filter(derived_from=resource).for_list()


def resource_choices_for_derivation(actor):
    """The resources one may name as the origin of an adaptation: those they see, still offered."""
    return resources_visible_to(actor).kept()


def groups_to_share_with(actor):
    """The groups one may reserve a resource for: their own, or any for a coordinator."""
    groups = groups_readable_by(actor)
    return groups if is_moderator(actor) else groups.filter(pk__in=group_ids_of(actor))
