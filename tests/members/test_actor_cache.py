"""The actor's roles kept in the cache (members.actor.cached_actor): read once, then from the cache, and never
stale after a change to a membership, a coordinator, a structure or a territory."""

import pytest
from django.core.cache import cache

from members.actor import build_actor, cached_actor
from members.models import Coordinator, Membership
from members.services.accounts import account_close
from tests import factories


@pytest.fixture
def actor_cache(settings):
    settings.ACTOR_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def roles(actor):
    return (actor.structure_id, actor.is_referent, actor.is_coordinator, actor.is_regional_coordinator,
            actor.territory_ids)  # fmt: skip


def fresh(user):
    return roles(build_actor(user))


pytestmark = pytest.mark.usefixtures("actor_cache")


def test_the_second_request_reads_the_roles_from_the_cache(network, django_assert_num_queries):
    user = network.referent
    first = cached_actor(user)
    with django_assert_num_queries(0):
        second = cached_actor(user)
    assert roles(second) == roles(first) == fresh(user)
    assert second.user is user  # the user itself is never cached


def test_without_the_setting_nothing_is_cached(network, settings, django_assert_num_queries):
    settings.ACTOR_CACHE_SECONDS = 0
    cached_actor(network.adviser)
    with django_assert_num_queries(2):
        cached_actor(network.adviser)


def test_a_membership_made_referent_is_read_at_once(network):
    user = network.adviser
    assert not cached_actor(user).is_referent
    membership = Membership.objects.get(user=user, is_active=True)
    membership.role = Membership.Role.REFERENT
    membership.save()
    assert cached_actor(user).is_referent


def test_a_removed_coordinator_loses_the_role_at_once(network):
    user = network.territorial_coordinator
    assert cached_actor(user).is_coordinator
    Coordinator.objects.filter(user=user).delete()
    assert not cached_actor(user).is_coordinator


def test_a_territory_taken_from_a_coordinator_leaves_their_scope_at_once(network):
    user = network.territorial_coordinator
    before = cached_actor(user).territory_ids
    assert before
    coordinator = Coordinator.objects.get(user=user)
    coordinator.territories.clear()
    assert cached_actor(user).territory_ids == frozenset() != before


def test_a_renamed_structure_is_shown_at_once(network):
    user = network.referent
    assert cached_actor(user).structure.name != "Nouveau nom"
    structure = cached_actor(user).structure
    structure.name = "Nouveau nom"
    structure.save()
    assert cached_actor(user).structure.name == "Nouveau nom"


def test_a_closed_account_has_no_role_left(network):
    user = network.other_adviser
    assert cached_actor(user).is_structure_member
    account_close(person=user, by=network.staff)
    assert roles(cached_actor(user)) == fresh(user)
    assert not cached_actor(user).is_structure_member


def test_a_page_after_a_change_of_role_shows_it(network, client_for):
    client = client_for("adviser")
    assert "Coordination" not in client.get("/communaute/").content.decode().split("</nav>")[0]
    factories.CoordinatorFactory(user=network.adviser, is_regional=True)
    header = client.get("/communaute/").content.decode().split("</nav>")[0]
    assert ">Coordination<" in header
