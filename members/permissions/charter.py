"""Who may read, draft, publish and sign the charter.

Charter management is regional: only regional coordinators draft, edit and publish versions. Territorial
coordinators read every version, drafts included, so they can follow what is being prepared. Every member of the
network reads the published versions; a structure's referents sign the version in force on its behalf.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import CharterVersion


def can_read_charter(actor):
    return actor.is_member


def can_read_drafts(actor):
    """Drafts are work in progress of the coordination: coordinators read them, members do not see them."""
    return actor.is_coordinator


def can_manage_charter(actor):
    """Drafting and publishing a version is regional."""
    return actor.is_regional_coordinator


def can_edit_charter_version(actor, version):
    """A published version is never edited: start a new draft from it instead."""
    return can_manage_charter(actor) and not version.is_published


def can_publish_charter_version(actor, version):
    return can_edit_charter_version(actor, version)


def can_sign_charter(actor):
    """A referent signs for their own structure."""
    return actor.is_referent


def can_copy_charter_version(actor, version):
    """A new draft starts from a published version."""
    return can_manage_charter(actor) and version.is_published


@dataclass(frozen=True)
class CharterAbilities:
    """What the charter pages may offer this person: booleans for the templates."""

    manage: bool = False
    read_drafts: bool = False
    sign: bool = False
    edit_version: bool = False
    publish_version: bool = False
    copy_version: bool = False


def charter_abilities(actor, version=None, *, signed=False):
    """Abilities on the charter page (no version) or on one version's page; `signed`: the version in force is."""
    return CharterAbilities(
        manage=can_manage_charter(actor),
        read_drafts=can_read_drafts(actor),
        sign=not signed and can_sign_charter(actor),
        edit_version=version is not None and can_edit_charter_version(actor, version),
        publish_version=version is not None and can_publish_charter_version(actor, version),
        copy_version=version is not None and can_copy_charter_version(actor, version),
    )


def charter_versions_visible_to(actor):
    versions = CharterVersion.objects.all()
    if can_read_drafts(actor):
        return versions
    if can_read_charter(actor):
        return versions.published()
    return versions.none()


def get_charter_version_for_reading(actor, pk):
    """A draft does not exist (404) for someone who may not read drafts."""
    return get_object_or_404(charter_versions_visible_to(actor).select_related("published_by", "created_by"), pk=pk)


def get_charter_version_for_edit(actor, pk):
    version = get_charter_version_for_reading(actor, pk)
    if not can_manage_charter(actor):
        raise PermissionDenied("Seul·es les coordinateur·rices régionaux·ales rédigent et publient la charte.")
    return version


def ensure_can_manage_charter(actor):
    if not can_manage_charter(actor):
        raise PermissionDenied("Seul·es les coordinateur·rices régionaux·ales rédigent et publient la charte.")


def ensure_can_sign_charter(actor):
    if not can_sign_charter(actor):
        raise PermissionDenied("Seul·es les référent·es d'une structure signent la charte en son nom.")
