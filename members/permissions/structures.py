"""Who may see a structure, edit its profile, change its label status, and see the people of the network."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, F, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import LabelStatusChange, Membership, Structure
from .memberships import can_manage_structure_members


def can_see_structure(actor, structure):
    """Visitors see labelled structures only; members of the network see every structure."""
    return structure.label_status == Structure.LabelStatus.LABELLED or actor.is_member


def can_edit_structure_profile(actor, structure):
    """A structure's referents edit its profile; so do coordinators whose scope covers it."""
    return actor.is_referent_of(structure) or actor.covers(structure)


def can_change_label_status(actor, structure):
    """Only coordinators whose scope covers the structure change its label status."""
    return actor.covers(structure)


def can_see_label_history(actor, structure):
    """The label history is for the structure's own people and for coordinators."""
    return actor.structure_id == structure.pk or actor.is_coordinator


@dataclass(frozen=True)
class StructureAbilities:
    """What the person looking at a structure's page may do there."""

    edit_profile: bool
    manage_members: bool
    change_label: bool
    see_label_history: bool


def structure_abilities(actor, structure):
    return StructureAbilities(
        edit_profile=can_edit_structure_profile(actor, structure),
        manage_members=can_manage_structure_members(actor, structure),
        change_label=can_change_label_status(actor, structure),
        see_label_history=can_see_label_history(actor, structure),
    )


def can_see_people_directory(actor):
    """The people directory is for members of the network (people of a structure and coordinators)."""
    return actor.is_member


def structures_in_public_directory():
    """The public directory lists labelled structures only, whoever looks at it."""
    return Structure.objects.labelled()


def get_structure_for_view(actor, slug):
    structure = get_object_or_404(
        Structure.objects.select_related("territory").prefetch_related("missions", "audiences"), slug=slug
    )
    if not can_see_structure(actor, structure):
        raise Http404("Cette structure n'est pas dans l'annuaire public.")
    return structure


def get_structure_for_profile_edit(actor, slug):
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not can_edit_structure_profile(actor, structure):
        raise PermissionDenied("Seuls les référent·es de la structure et la coordination peuvent modifier son profil.")
    return structure


def get_structure_for_label_change(actor, slug):
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not can_change_label_status(actor, structure):
        raise PermissionDenied("Seule la coordination du territoire de la structure peut changer sa labellisation.")
    return structure


def _status_label(field):
    return Case(
        *[When(**{field: value}, then=Value(label)) for value, label in Structure.LabelStatus.choices],
        default=F(field),
        output_field=CharField(),
    )


def label_history_visible_to(actor, structure):
    """The structure's label changes, newest first, with French status labels; empty for those who may not see it."""
    if not can_see_label_history(actor, structure):
        return LabelStatusChange.objects.none()
    return (
        LabelStatusChange.objects.filter(structure=structure)
        .select_related("changed_by")
        .annotate(from_label=_status_label("from_status"), to_label=_status_label("to_status"))
        .order_by("-changed_at", "-pk")
    )


def people_visible_to(actor):
    """Active memberships of people who chose to appear in the directory; nothing for non-members."""
    if not can_see_people_directory(actor):
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user__is_active=True, user__show_in_directory=True)
        .select_related("user", "structure__territory")
        .prefetch_related("user__expertise")
        .order_by("user__last_name", "user__first_name", "pk")
    )
