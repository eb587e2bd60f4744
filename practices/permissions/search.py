"""What a person's search may find: exactly what they may read elsewhere, through the same querysets.

Topics and resources as the forum and the library show them (a closed group's only to its members and the
coordinators, withdrawn resources not at all); replies of those topics that moderation has not hidden, for everyone,
moderators included (they read hidden posts from the topic page and the moderation queue, not from search).
"""

from . import can_use
from .forum import posts_visible_to, topics_visible_to
from .resources import resources_visible_to


def can_search(actor):
    """Search runs over the forum, which is the members' own (DESIGN: /recherche/ is for members)."""
    return can_use(actor)


def searchable_topics(actor):
    return topics_visible_to(actor)


def searchable_posts(actor):
    return posts_visible_to(actor).filter(is_hidden=False)


def searchable_resources(actor):
    return resources_visible_to(actor).kept()
