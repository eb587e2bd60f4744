"""Who opens campaigns, fills in, submits, validates and returns reports, and who sees a structure's own values."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from members.models import Structure

from ..models import Campaign, Report

__all__ = [
    "ReportAbilities",
    "can_decide_report",
    "can_enter_report",
    "can_list_structure_values",
    "can_open_campaign",
    "can_see_structure_values",
    "get_campaign",
    "get_entry_structure",
    "get_report_structure",
    "report_abilities",
    "reports_to_validate",
    "reports_to_validate_counts",
    "structures_whose_values_are_visible_to",
]


def can_open_campaign(actor):
    return actor.is_coordinator


def can_enter_report(actor, structure):
    """A structure's referents fill in and submit its reports."""
    return actor.is_referent_of(structure)


def can_decide_report(actor, structure):
    """Coordinators whose scope covers the structure validate, return, or reopen the campaign for it."""
    return actor.covers(structure)


def can_see_structure_values(actor, structure):
    """A structure's own values: its people and the coordinators whose scope covers it."""
    return actor.structure_id == structure.pk or actor.covers(structure)


def can_list_structure_values(actor):
    """Coordinators read, beside the network's figures, the values of each structure of their scope."""
    return actor.is_coordinator


def structures_whose_values_are_visible_to(actor):
    """The structures whose own values this person may read: theirs, and those of a coordinator's scope."""
    in_scope = Structure.objects.in_scope_of(actor)
    if actor.structure_id is None:
        return in_scope
    if actor.is_regional_coordinator:
        return Structure.objects.all()
    if actor.is_coordinator:
        return Structure.objects.filter(Q(territory_id__in=actor.territory_ids) | Q(pk=actor.structure_id))
    return Structure.objects.filter(pk=actor.structure_id)


def get_campaign(actor, pk):
    """Campaigns are the network's: every member reads them (their completeness, never others' values)."""
    return get_object_or_404(Campaign, pk=pk)


def get_report_structure(actor, campaign, slug):
    """A structure of the campaign whose report the person may read; 404 otherwise, so a slug reveals nothing."""
    structure = campaign.structures.select_related("territory").filter(slug=slug).first()
    if structure is None or not can_see_structure_values(actor, structure):
        raise Http404("Rapport introuvable.")
    return structure


def get_entry_structure(actor, campaign, slug):
    """A structure of the campaign whose report this person fills in (its referents); 404 or 403 otherwise."""
    structure = get_report_structure(actor, campaign, slug)
    if not can_enter_report(actor, structure):
        raise PermissionDenied("Seul·es les référent·es de la structure saisissent son rapport.")
    return structure


def reports_to_validate(actor):
    """Submitted reports of the structures a coordinator's scope covers."""
    return Report.objects.filter(
        status=Report.Status.SUBMITTED, structure__in=Structure.objects.in_scope_of(actor)
    ).for_list()


def reports_to_validate_counts(actors):
    """`{user.pk: n}`: `reports_to_validate(actor).count()` for many coordinators at once, in one query (the
    digest's chunks): the submitted reports counted by territory, then summed over each one's scope."""
    by_territory = dict(
        Report.objects.filter(status=Report.Status.SUBMITTED)
        .values("structure__territory_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("structure__territory_id", "n")
    )
    counts = {}
    for actor in actors:
        if actor.is_regional_coordinator:
            counts[actor.user.pk] = sum(by_territory.values())
        elif actor.is_coordinator:
            counts[actor.user.pk] = sum(by_territory.get(pk, 0) for pk in actor.territory_ids)
    return counts


@dataclass(frozen=True)
class ReportAbilities:
    edit: bool
    validate: bool
    reopen: bool


def report_abilities(actor, *, report, structure, accepts_entries, deadline_passed):
    """`accepts_entries`: the campaign is open for this structure today (see services.campaigns)."""
    status = report.status if report else Report.Status.DRAFT
    return ReportAbilities(
        edit=can_enter_report(actor, structure) and accepts_entries and status in Report.EDITABLE_STATUSES,
        validate=can_decide_report(actor, structure) and status == Report.Status.SUBMITTED,
        reopen=can_decide_report(actor, structure) and deadline_passed and not accepts_entries,
    )
