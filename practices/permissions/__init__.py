"""Who may see and do what in the community of practice. Views ask here; nothing else decides."""

from spro_portal.access import guard


def can_use(actor):
    """The pages of this app are for the network's members: people of a structure and coordinators."""
    return actor.is_member


def is_moderator(actor):
    """Coordinators moderate the forum: they see confidential authors, hidden posts and earlier versions."""
    return actor.is_coordinator


def sharing_role(actor):
    """All that this app's permissions read of a person's role (not which structure, not their territories): with
    their groups and, where it matters, who they are, what a page shared by its readers is keyed by
    (spro_portal.shared_pages). Two advisers of different structures read the forum and the library alike."""
    return (can_use(actor), is_moderator(actor), actor.structure is not None)


members_only = guard(can_use, "Cette page est réservée aux membres du réseau.")
