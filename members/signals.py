"""A change to what an actor is made of makes every cached actor stale (members.actor.cached_actor)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .actor import forget_actors
from .models import Coordinator, Membership, Structure, Territory


def _changed(sender, **kwargs):
    forget_actors()


def connect_signals():
    for model in (Membership, Coordinator, Structure, Territory):
        post_save.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"members-actor-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=Coordinator.territories.through, dispatch_uid="members-actor-territories")
