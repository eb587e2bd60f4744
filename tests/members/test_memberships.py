import pytest

from members.actor import build_actor
from members.models import Membership
from members.services import memberships as services
from tests.factories import MembershipFactory


def test_the_last_referent_cannot_step_down(network):
    membership = Membership.objects.get(user=network.referent)
    with pytest.raises(services.ServiceError, match="au moins un·e référent·e"):
        services.membership_change_role(membership=membership, role="adviser", changed_by=network.referent)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.REFERENT


def test_the_last_referent_cannot_be_deactivated(network):
    membership = Membership.objects.get(user=network.referent)
    with pytest.raises(services.ServiceError):
        services.membership_deactivate(membership=membership, changed_by=network.regional_coordinator)
    assert Membership.objects.get(pk=membership.pk).is_active


def test_a_referent_can_step_down_once_another_is_named(network):
    adviser = Membership.objects.get(user=network.adviser)
    services.membership_change_role(membership=adviser, role="referent", changed_by=network.referent)
    referent = Membership.objects.get(user=network.referent)
    services.membership_change_role(membership=referent, role="adviser", changed_by=network.referent)
    assert list(Membership.objects.referents().filter(structure=network.structure)) == [adviser]


def test_deactivating_an_adviser_keeps_the_row(network):
    adviser = Membership.objects.get(user=network.adviser)
    services.membership_deactivate(membership=adviser, changed_by=network.referent)
    adviser.refresh_from_db()
    assert not adviser.is_active
    assert adviser.updated_by == network.referent
    assert not build_actor(network.adviser).is_member


def test_an_inactive_referent_does_not_count(network):
    MembershipFactory(structure=network.structure, role="referent", is_active=False)
    membership = Membership.objects.get(user=network.referent)
    with pytest.raises(services.ServiceError):
        services.membership_deactivate(membership=membership, changed_by=network.referent)


def test_actor_knows_structure_role_and_scope(network):
    referent = build_actor(network.referent)
    assert referent.is_referent and referent.structure == network.structure
    territorial = build_actor(network.territorial_coordinator)
    assert territorial.covers(network.structure) and not territorial.covers(network.other_structure)
    regional = build_actor(network.regional_coordinator)
    assert regional.covers(network.other_structure)
    assert not build_actor(network.staff).is_member


def test_actor_is_built_with_a_fixed_number_of_queries(network, django_assert_num_queries):
    with django_assert_num_queries(3):
        build_actor(network.territorial_coordinator)
    with django_assert_num_queries(2):
        build_actor(network.adviser)
