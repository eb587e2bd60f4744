"""A change to what an actor is made of makes every cached actor stale (members.actor.cached_actor); a change to a
person's or a structure's name renews the « names » generation of the pieces of pages that show them
(spro_portal.fragments: a topic's row, a post's byline)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from spro_portal.fragments import renew_on_change

from .actor import forget_actors
from .models import CharterSignature, CharterVersion, Coordinator, Membership, Structure, Territory, User
from .services.charter import CHARTER

# What a byline reads of a structure: its name, its page's slug, its type (« un·e conseiller·e d'une Mission locale »).
STRUCTURE_NAME_FIELDS = ("name", "slug", "type")


def _changed(sender, **kwargs):
    forget_actors()


def connect_signals():
    renew_on_change(CharterVersion, CHARTER)
    renew_on_change(CharterSignature, CHARTER)
    renew_on_change(User, "names", fields=User.NAME_FIELDS)  # not a login's `last_login`
    renew_on_change(Structure, "names", fields=STRUCTURE_NAME_FIELDS)  # not a profile's opening hours
    for model in (Membership, Coordinator, Structure, Territory):
        post_save.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=Coordinator.territories.through, dispatch_uid="members-actor-territories")
