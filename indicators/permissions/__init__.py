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

from .proposals import *  # noqa: F403
from .reports import *  # noqa: F403


def can_use(actor):
    """The pages of this app are for the network's members: people of a structure and coordinators."""
    return actor.is_member


members_only = guard(can_use, "Cette page est réservée aux membres du réseau.")
coordinators_only = guard(lambda actor: actor.is_coordinator, "Cette page est réservée à la coordination.")
