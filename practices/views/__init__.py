"""The community of practice's views, one module per subject; the search page is still to come."""

from django.shortcuts import render

from ..permissions import members_only
from .categories import category_create, category_edit
from .forum import (
    category,
    forum,
    my_topics,
    post,
    post_edit,
    post_reaction,
    post_revisions,
    solution_mark,
    solution_unmark,
    topic,
    topic_create,
    topic_reply,
    topic_suggestions,
)
from .groups import group, group_decide, group_join, group_leave, groups
from .moderation import moderation, post_hide, post_report, post_restore, report_dismiss, topic_moderate, topic_move
from .notifications import (
    category_watch,
    group_watch,
    notification_open,
    notifications,
    notifications_read_all,
    topic_watch,
)
from .resources import (
    resource,
    resource_add_version,
    resource_create,
    resource_download,
    resource_edit,
    resource_withdraw,
    resources,
    reuse_story_create,
)

__all__ = [
    "category_watch",
    "group_watch",
    "moderation",
    "notification_open",
    "notifications",
    "notifications_read_all",
    "post_hide",
    "post_report",
    "post_restore",
    "report_dismiss",
    "topic_moderate",
    "topic_move",
    "topic_watch",
    "category",
    "category_create",
    "category_edit",
    "forum",
    "group",
    "group_decide",
    "group_join",
    "group_leave",
    "groups",
    "my_topics",
    "post",
    "post_edit",
    "post_reaction",
    "post_revisions",
    "resource",
    "resource_add_version",
    "resource_create",
    "resource_download",
    "resource_edit",
    "resource_withdraw",
    "resources",
    "reuse_story_create",
    "search",
    "solution_mark",
    "solution_unmark",
    "topic",
    "topic_create",
    "topic_reply",
    "topic_suggestions",
]


@members_only
def search(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Recherche", "what": "Cherchez dans le forum et la bibliothèque de ressources."},
    )
