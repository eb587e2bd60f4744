"""Generations of the forum's shared fragments (spro_portal.fragments).

- « forum-labels »: a category, a working group or a mission renamed; the topic rows show their names
  (practices.pages.forum.topic_rows), the search form lists categories and missions. Their counters move by
  `update()`, which sends no signal: a new post does not renew it.
- « library »: which resources a reader's library holds, counted for its pagination: a resource shared, edited or
  withdrawn (its downloads and reuse counters move by `update()`: the count stays), a group's members changed.
- « forum-topics »: which topics a reader's lists hold, counted for their pagination: a topic opened, a group's
  members or its closing changed. A topic moved goes by `update()`: `services.moderation.topic_move` renews it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from members.models import Audience, Mission, Territory
from spro_portal import fragments

from .models import Category, GroupMembership, Resource, Topic, WorkingGroup

LABEL_FIELDS = ("name", "slug", "code")
LABELS = "forum-labels"
TOPICS = "forum-topics"
LIBRARY = "library"


def renew_on_commit(*names):
    transaction.on_commit(lambda: fragments.renew(*names))


def _labels_may_have_changed(sender, update_fields=None, **kwargs):
    changed = None if update_fields is None else set(update_fields)
    if changed is None or changed & set(LABEL_FIELDS):
        renew_on_commit(LABELS)
    if sender is WorkingGroup and (changed is None or "is_closed" in changed):
        renew_on_commit(TOPICS, LIBRARY)  # who may read its topics and resources


def _lists_changed(sender, **kwargs):
    renew_on_commit(LIBRARY if sender is Resource else TOPICS)


def _memberships_changed(sender, **kwargs):
    renew_on_commit(TOPICS, LIBRARY)


def connect_signals():
    for model in (Category, WorkingGroup, Mission, Audience, Territory):
        post_save.connect(_labels_may_have_changed, sender=model, dispatch_uid=f"practices-labels-{model.__name__}")
    for model in (Topic, Resource):
        post_save.connect(_lists_changed, sender=model, dispatch_uid=f"practices-lists-{model.__name__}-save")
        post_delete.connect(_lists_changed, sender=model, dispatch_uid=f"practices-lists-{model.__name__}-delete")
    post_save.connect(_memberships_changed, sender=GroupMembership, dispatch_uid="practices-memberships-save")
    post_delete.connect(_memberships_changed, sender=GroupMembership, dispatch_uid="practices-memberships-delete")
