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


# The last-referent rule: written once (permissions.memberships.keeps_a_referent), asked by the page and the services.

LAST_REFERENT = "Une structure garde toujours au moins un·e référent·e actif·ve"


@pytest.mark.parametrize("action", ["change_role", "deactivate"])
def test_the_services_ask_the_one_last_referent_rule(network, monkeypatch, action):
    from members.permissions import memberships as permissions

    monkeypatch.setattr(permissions, "keeps_a_referent", lambda membership, *args: False)
    adviser = Membership.objects.get(user=network.adviser)
    with pytest.raises(services.ServiceError, match=LAST_REFERENT):
        if action == "change_role":
            services.membership_change_role(membership=adviser, role="referent", changed_by=network.referent)
        else:
            services.membership_deactivate(membership=adviser, changed_by=network.referent)


def test_the_members_page_asks_the_one_last_referent_rule(client_for, network, monkeypatch):
    from members.permissions import memberships as permissions

    monkeypatch.setattr(permissions, "keeps_a_referent", lambda membership, *args: False)
    html = client_for("referent").get("/structures/cio-de-rennes/membres/").content.decode()
    assert "/desactiver/" not in html


@pytest.mark.parametrize("action", ["change_role", "deactivate"])
def test_two_referents_stepping_down_from_stale_pages_leave_one(network, action):
    """Both loaded the page while there were two referents; the second to act is refused."""
    second = MembershipFactory(structure=network.structure, role="referent")
    first = Membership.objects.get(user=network.referent)

    def step_down(membership):
        if action == "change_role":
            return services.membership_change_role(membership=membership, role="adviser", changed_by=membership.user)
        return services.membership_deactivate(membership=membership, changed_by=membership.user)

    step_down(first)
    with pytest.raises(services.ServiceError, match=LAST_REFERENT):
        step_down(second)
    assert list(Membership.objects.referents().filter(structure=network.structure)) == [second]


@pytest.mark.timeout(30)
def test_two_referents_demoting_each_other_at_the_same_time_leave_one(transactional_db, monkeypatch):
    """Real concurrency needs row locks: PostgreSQL only (SQLite has no SELECT … FOR UPDATE)."""
    import threading

    from django.db import connection, connections

    from tests.factories import StructureFactory

    if connection.vendor != "postgresql":
        pytest.skip("SELECT … FOR UPDATE n'existe qu'avec PostgreSQL ; la CI le teste.")
    structure = StructureFactory()
    one, two = (MembershipFactory(structure=structure, role="referent") for _ in range(2))
    # Both ask for the lock at the same moment; then each, having read whether another referent remains, waits
    # for the other. Without the lock both would read "yes" and both step down; with it the second one waits on the
    # lock, the first gives up waiting after a second and goes on, and the second then reads "no".
    at_the_lock, after_the_check = threading.Barrier(2, timeout=10), threading.Barrier(2, timeout=1)
    lock_structure, keeps_a_referent = services._lock_structure, services.rules.keeps_a_referent

    def lock_together(target):
        at_the_lock.wait()
        return lock_structure(target)

    def check_then_wait(membership, *args):
        keeps = keeps_a_referent(membership, *args)
        try:
            after_the_check.wait()
        except threading.BrokenBarrierError:
            pass
        return keeps

    monkeypatch.setattr(services, "_lock_structure", lock_together)
    monkeypatch.setattr(services.rules, "keeps_a_referent", check_then_wait)
    outcomes = []

    def demote(membership, by):
        try:
            services.membership_change_role(membership=membership, role="adviser", changed_by=by.user)
            outcomes.append("ok")
        except services.ServiceError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=demote, args=(one, two)), threading.Thread(target=demote, args=(two, one))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert [outcome for outcome in outcomes if outcome != "ok"][0].startswith(LAST_REFERENT)
    assert Membership.objects.referents().filter(structure=structure).count() == 1
