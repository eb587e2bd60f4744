"""Who may see and do what with this app's objects; views ask here, nothing else decides."""

from spro_portal.access import guard


def can_use(actor):
    """The pages of this app are for the network's members: people of a structure and coordinators."""
    return actor.is_member


members_only = guard(can_use, "Cette page est réservée aux membres du réseau.")
