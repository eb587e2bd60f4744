"""Who may see and do what in the community of practice. Views ask here; nothing else decides."""

from spro_portal.access import guard


def can_use(actor):
    """The pages of this app are for the network's members: people of a structure and coordinators."""
    return actor.is_member


def is_moderator(actor):
    """Coordinators moderate the forum: they see confidential authors, hidden posts and earlier versions."""
    return actor.is_coordinator


members_only = guard(can_use, "Cette page est réservée aux membres du réseau.")
