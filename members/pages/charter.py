"""What the charter pages read."""

from dataclasses import dataclass

from ..models import CharterSignature, CharterVersion
from ..permissions.charter import CharterAbilities, charter_abilities, charter_versions_visible_to
from ..services.commitments import group_by_category


def item_groups(version):
    """The version's items grouped by category, in the charter's order."""
    return group_by_category(list(version.items.all()), lambda item: item)


@dataclass(frozen=True)
class CharterPage:
    current: CharterVersion | None
    groups: list
    versions: list
    drafts: list
    signatures: list
    current_signature: CharterSignature | None
    can: CharterAbilities


def charter_page(actor):
    """The version in force with its items, published versions, drafts for coordinators, the structure's signatures."""
    current = CharterVersion.objects.current()
    visible = charter_versions_visible_to(actor).select_related("published_by")
    signatures = []
    if actor.structure_id:
        signatures = list(
            CharterSignature.objects.filter(structure_id=actor.structure_id).select_related("version", "signed_by")
        )
    current_signature = next((s for s in signatures if current and s.version_id == current.pk), None)
    can = charter_abilities(actor, signed=current is None or current_signature is not None)
    return CharterPage(
        current=current,
        groups=item_groups(current) if current else [],
        versions=list(visible.published()),
        drafts=list(visible.filter(status=CharterVersion.Status.DRAFT)) if can.read_drafts else [],
        signatures=signatures,
        current_signature=current_signature,
        can=can,
    )


@dataclass(frozen=True)
class CharterVersionPage:
    version: CharterVersion
    groups: list
    is_current: bool
    can: CharterAbilities


def charter_version_page(actor, version):
    current = CharterVersion.objects.current()
    return CharterVersionPage(
        version=version,
        groups=item_groups(version),
        is_current=current is not None and current.pk == version.pk,
        can=charter_abilities(actor, version),
    )
