"""Generations of the forum's and the library's shared fragments (spro_portal.fragments).

- « forum-labels »: a category, a working group, a mission, a public or a territory renamed; the topic rows show
  their names (practices.pages.forum.topic_rows), the search form and the library's filter list them. Counters move
  by `update()`, which sends no signal: a new post does not renew it.
- « forum-topics » and « library »: which topics or resources a reader's lists hold, counted for their pagination:
  a topic opened, a resource shared or edited, a group's members or its closing changed. A topic moved and a
  resource withdrawn go by `update()`: `services.moderation.topic_move` and `services.resources.resource_withdraw`
  renew them.
- « forum-activity »: anything a topic's row or page shows that moves with the conversation: a post written, edited,
  hidden or restored, a reaction, a solution, a pin, a lock, a move (the posts, reactions and moderation actions
  these write send the signal; the solution goes by `update()`: services.forum renews it).
- « library-counts »: a resource's downloads and reuse stories, counted by `update()` (services.resources renews it):
  the library's lists show them.
"""

from members.models import Audience, Mission, Territory
from spro_portal.fragments import renew_on_change

from .models import (
    Category,
    GroupMembership,
    ModerationAction,
    Post,
    Reaction,
    Resource,
    ResourceVersion,
    Topic,
    WorkingGroup,
)

LABEL_FIELDS = ("name", "slug", "code")
LABELS = "forum-labels"
TOPICS = "forum-topics"
LIBRARY = "library"
LIBRARY_COUNTS = "library-counts"
ACTIVITY = "forum-activity"


def connect_signals():
    for model in (Category, WorkingGroup, Mission, Audience, Territory):
        renew_on_change(model, LABELS, fields=LABEL_FIELDS)
    renew_on_change(WorkingGroup, TOPICS, LIBRARY, fields=("is_closed",))  # who may read its topics and resources
    renew_on_change(GroupMembership, TOPICS, LIBRARY)
    renew_on_change(Topic, TOPICS)
    renew_on_change(Resource, LIBRARY)
    renew_on_change(ResourceVersion, LIBRARY)  # a new version moves the current one by update()
    for model in (Topic, Post, Reaction, ModerationAction):
        renew_on_change(model, ACTIVITY)
