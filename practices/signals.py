"""Generations of the forum's shared fragments (spro_portal.fragments).

- « forum-labels »: a category, a working group or a mission renamed; the topic rows show their names
  (practices.pages.forum.topic_rows), the search form lists categories and missions. Their counters move by
  `update()`, which sends no signal: a new post does not renew it.
- « forum-topics »: which topics a reader's lists hold, counted for their pagination: a topic opened, a group's
  members or its closing changed. A topic moved goes by `update()`: `services.moderation.topic_move` renews it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from members.models import Mission
from spro_portal import fragments

from .models import Category, GroupMembership, Topic, WorkingGroup

LABEL_FIELDS = ("name", "slug", "code")
LABELS = "forum-labels"
TOPICS = "forum-topics"


def renew_on_commit(*names):
    transaction.on_commit(lambda: fragments.renew(*names))


def _labels_may_have_changed(sender, update_fields=None, **kwargs):
    if update_fields is None or set(update_fields) & set(LABEL_FIELDS):
        renew_on_commit(LABELS, TOPICS) if sender is WorkingGroup else renew_on_commit(LABELS)


def _lists_changed(sender, **kwargs):
    renew_on_commit(TOPICS)


def connect_signals():
    for model in (Category, WorkingGroup, Mission):
        post_save.connect(_labels_may_have_changed, sender=model, dispatch_uid=f"practices-labels-{model.__name__}")
    for model in (Topic, GroupMembership):
        post_save.connect(_lists_changed, sender=model, dispatch_uid=f"practices-lists-{model.__name__}-save")
        post_delete.connect(_lists_changed, sender=model, dispatch_uid=f"practices-lists-{model.__name__}-delete")
