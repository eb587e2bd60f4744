"""A change to what an actor is made of makes every cached actor stale (members.actor.cached_actor); a change to a
person's or a structure's name renews the « names » generation of the pieces of pages that show them
(spro_portal.fragments: a topic's row, a post's byline)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from spro_portal import fragments

from .actor import forget_actors
from .models import CharterSignature, CharterVersion, Coordinator, Membership, Structure, Territory, User
from .services.charter import CHARTER

# What a byline reads of a structure: its name, its page's slug, its type (« un·e conseiller·e d'une Mission locale »).
STRUCTURE_NAME_FIELDS = ("name", "slug", "type")


def _changed(sender, **kwargs):
    forget_actors()


def _names_may_have_changed(sender, update_fields=None, **kwargs):
    shown = User.NAME_FIELDS if sender is User else STRUCTURE_NAME_FIELDS
    if update_fields is None or set(update_fields) & set(shown):  # not a login's `last_login`, not a profile's hours
        transaction.on_commit(lambda: fragments.renew("names"))


def _charter_changed(sender, **kwargs):
    transaction.on_commit(lambda: fragments.renew(CHARTER))


def connect_signals():
    for model in (CharterVersion, CharterSignature):
        post_save.connect(_charter_changed, sender=model, dispatch_uid=f"members-charter-{model.__name__}-save")
        post_delete.connect(_charter_changed, sender=model, dispatch_uid=f"members-charter-{model.__name__}-delete")
    for model in (User, Structure):
        post_save.connect(_names_may_have_changed, sender=model, dispatch_uid=f"members-names-{model.__name__}")
    for model in (Membership, Coordinator, Structure, Territory):
        post_save.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=Coordinator.territories.through, dispatch_uid="members-actor-territories")
