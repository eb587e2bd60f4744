"""Who may see and do what with this app's objects; views ask here, nothing else decides.

The rules, in one place:
- every member of the network (a person of a structure, or a coordinator) reads proposals, indicators,
  campaigns and dashboards; a draft proposal is seen by its author and the coordinators only;
- any member proposes; the author revises or withdraws while the proposal is a draft or in discussion;
- people of a structure comment and take positions during the discussion (positions count per structure);
  coordinators comment too; the author and the coordinators answer objections;
- any coordinator opens the discussion; only a regional coordinator adopts or rejects, because an indicator is
  the whole network's and no territory should decide it alone;
- any coordinator opens a campaign, for the structures of their scope;
- a structure's referents fill in and submit its report; coordinators whose scope covers the structure validate,
  return it, or reopen the campaign for it;
- a structure's own values are seen by the people of that structure and the coordinators in scope, nobody else.
"""

from spro_portal.access import guard

from .proposals import (
    ProposalAbilities,
    can_decide_proposal,
    can_open_discussion,
    can_propose,
    get_proposal,
    proposal_abilities,
    proposals_visible_to,
)
from .reports import (
    ReportAbilities,
    can_decide_report,
    can_enter_report,
    can_list_structure_values,
    can_open_campaign,
    can_see_structure_values,
    get_campaign,
    get_entry_structure,
    get_report_structure,
    report_abilities,
    reports_to_validate,
    structures_whose_values_are_visible_to,
)


def can_use(actor):
    """The pages of this app are for the network's members: people of a structure and coordinators."""
    return actor.is_member


members_only = guard(can_use, "Cette page est réservée aux membres du réseau.")


def can_use_coordination_pages(actor):
    """Opening campaigns and validating reports: the coordination's pages."""
    return actor.is_coordinator


coordinators_only = guard(can_use_coordination_pages, "Cette page est réservée à la coordination.")

__all__ = [
    "ProposalAbilities",
    "ReportAbilities",
    "can_decide_proposal",
    "can_decide_report",
    "can_enter_report",
    "can_list_structure_values",
    "can_open_campaign",
    "can_open_discussion",
    "can_propose",
    "can_see_structure_values",
    "can_use",
    "can_use_coordination_pages",
    "coordinators_only",
    "get_campaign",
    "get_entry_structure",
    "get_proposal",
    "get_report_structure",
    "members_only",
    "proposal_abilities",
    "proposals_visible_to",
    "report_abilities",
    "reports_to_validate",
    "structures_whose_values_are_visible_to",
]
