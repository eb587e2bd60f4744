"""Who is making this request: built once per request, read by every app's permissions module."""

from dataclasses import dataclass, field

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
