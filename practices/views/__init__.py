"""The community of practice's views, one module per subject; the resources and search pages are still to come."""

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

__all__ = [
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
    "resources",
    "search",
    "solution_mark",
    "solution_unmark",
    "topic",
    "topic_create",
    "topic_reply",
    "topic_suggestions",
]


@members_only
def resources(request):
    return render(
        request,
        "coming_soon.html",
        {
            "title": "Ressources partagées",
            "what": "Partagez vos outils, modèles et pratiques avec leur licence ; racontez comment vous avez "
            "adapté ceux des autres.",
        },
    )


@members_only
def search(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Recherche", "what": "Cherchez dans le forum et la bibliothèque de ressources."},
    )
