"""Who is making this request: built once per request, read by every app's permissions module.

With a shared cache (Redis: ACTOR_CACHE_SECONDS > 0), what the actor adds to the user — active membership with its
structure and territory, coordinator role and territories — is kept per person, under a generation that any save or
delete of a membership, coordinator, structure or territory renews (members.signals, and explicitly where a queryset
`update()` bypasses the signals): a page never reads a role that has changed. The user itself is never cached.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Coordinator, Membership


@dataclass(frozen=True)
class Actor:
    user: object = None
    membership: Membership | None = None
    coordinator: Coordinator | None = None
    territory_ids: frozenset = field(default_factory=frozenset)

    @property
    def is_authenticated(self):
        return self.user is not None

    @property
    def is_staff(self):
        return self.is_authenticated and self.user.is_staff

    @property
    def structure(self):
        return self.membership.structure if self.membership else None

    @property
    def structure_id(self):
        return self.membership.structure_id if self.membership else None

    @property
    def is_structure_member(self):
        return self.membership is not None

    @property
    def is_referent(self):
        return self.membership is not None and self.membership.is_referent

    @property
    def is_coordinator(self):
        return self.coordinator is not None

    @property
    def is_regional_coordinator(self):
        return self.coordinator is not None and self.coordinator.is_regional

    @property
    def is_member(self):
        """Members see the network's inner pages: people of a structure and coordinators."""
        return self.is_structure_member or self.is_coordinator

    @property
    def role_key(self):
        """Everything the permission modules read of this person other than who they are: their structure and
        role in it, their coordination and its territories. Two advisers of one structure have the same; a page
        content keyed by it is shared between them (spro_portal.shared_pages)."""
        return (
            self.is_authenticated,
            self.is_staff,
            self.structure_id,
            self.is_referent,
            self.is_coordinator,
            self.is_regional_coordinator,
            tuple(sorted(self.territory_ids)),
        )

    def covers(self, structure):
        """Whether this coordinator's scope includes the structure."""
        if self.is_regional_coordinator:
            return True
        return self.is_coordinator and structure.territory_id in self.territory_ids

    def is_referent_of(self, structure):
        return self.is_referent and self.structure_id == structure.pk


ANONYMOUS = Actor()


def build_actor(user):
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    membership = Membership.objects.active().select_related("structure__territory").filter(user=user).first()
    coordinator = Coordinator.objects.filter(user=user).first()
    territory_ids = frozenset()
    if coordinator and not coordinator.is_regional:
        territory_ids = frozenset(coordinator.territories.values_list("pk", flat=True))
    return Actor(
        user=user,
        membership=membership,
        coordinator=coordinator,
        territory_ids=territory_ids,
    )


GENERATION_KEY = "members:actor:generation"


def _actor_key(user_pk):
    return f"members:actor:{user_pk}"


def forget_actors():
    """Every cached actor is stale: renew the generation now, and again once the transaction is committed (a request
    that read the old rows in between must not keep them under the new generation)."""
    if settings.ACTOR_CACHE_SECONDS <= 0:
        return
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, secrets.token_hex(8), None))


def cached_actor(user):
    """`build_actor(user)`, its roles read from the cache when they are of the current generation (one round trip
    instead of two or three queries)."""
    seconds = settings.ACTOR_CACHE_SECONDS
    if seconds <= 0 or user is None or not user.is_authenticated:
        return build_actor(user)
    key = _actor_key(user.pk)
    found = cache.get_many([GENERATION_KEY, key])
    generation, kept = found.get(GENERATION_KEY), found.get(key)
    if generation is not None and kept is not None and kept[0] == generation:
        _, membership, coordinator, territory_ids = kept
        return Actor(user=user, membership=membership, coordinator=coordinator, territory_ids=territory_ids)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    actor = build_actor(user)
    if generation is not None:
        cache.set(key, (generation, actor.membership, actor.coordinator, actor.territory_ids), seconds)
    return actor


def build_actors(users):
    """`{user.pk: Actor}` for many people at once, in three queries whatever their number (the digest's chunks).

    The same actors as `build_actor`, person by person."""
    users = [user for user in users if user is not None and user.is_authenticated]
    ids = [user.pk for user in users]
    memberships = {
        membership.user_id: membership
        for membership in Membership.objects.active().select_related("structure__territory").filter(user_id__in=ids)
    }
    coordinators = {coordinator.user_id: coordinator for coordinator in Coordinator.objects.filter(user_id__in=ids)}
    territorial = [coordinator.pk for coordinator in coordinators.values() if not coordinator.is_regional]
    territories = {}
    if territorial:
        links = Coordinator.territories.through.objects.filter(coordinator_id__in=territorial)
        for coordinator_id, territory_id in links.values_list("coordinator_id", "territory_id"):
            territories.setdefault(coordinator_id, set()).add(territory_id)
    actors = {}
    for user in users:
        coordinator = coordinators.get(user.pk)
        scope = territories.get(coordinator.pk, ()) if coordinator and not coordinator.is_regional else ()
        actors[user.pk] = Actor(
            user=user, membership=memberships.get(user.pk), coordinator=coordinator, territory_ids=frozenset(scope)
        )
    return actors
