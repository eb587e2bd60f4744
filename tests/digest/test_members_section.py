"""The members section of the digest: what is due for referents, the review queue for coordinators, built from
what each person may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.portal import MembersOffer
from tests.factories import StructureFactory, submitted_set

pytestmark = pytest.mark.django_db


def lines(person, period):
    section = MembersOffer().digest_section(person, period)
    return [item.text for item in section.items] if section else []


def test_a_referent_reads_their_commitments_status_and_the_charter_to_sign(digest_network, period):
    referent = lines(digest_network.referent, period)
    assert "Votre structure n'a pas encore signé la charte du SPRO en vigueur." in referent
    assert any("Engagements de CIO de Rennes, cycle" in line and "déposés, en attente" in line for line in referent)


def test_a_referent_without_a_submission_reads_the_due_date(digest_network, period):
    [line] = [line for line in lines(digest_network.other_referent, period) if line.startswith("Engagements")]
    assert "Mission locale du Pays de Brest" in line and "à compléter et déposer avant le 31 décembre" in line


def test_coordinators_read_the_queue_of_their_scope_only(digest_network, period):
    assert lines(digest_network.territorial_coordinator, period)[0].startswith("1 dossier d'engagements attend")
    assert lines(digest_network.regional_coordinator, period)[0].startswith("1 dossier d'engagements attend")
    # A submission in Brest is outside the Rennes coordinator's scope.
    submitted_set(digest_network.other_structure, cycle=None, by=digest_network.other_referent)
    assert lines(digest_network.territorial_coordinator, period)[0].startswith("1 dossier")
    assert lines(digest_network.regional_coordinator, period)[0].startswith("2 dossiers d'engagements attendent")


def test_advisers_and_staff_have_no_members_section(digest_network, period):
    for person in (digest_network.adviser, digest_network.other_adviser, digest_network.staff):
        assert MembersOffer().digest_section(person, period) is None


def test_an_empty_queue_gives_a_coordinator_nothing(network, period):
    assert MembersOffer().digest_section(network.regional_coordinator, period) is None


def test_the_members_section_costs_the_same_queries_on_a_bigger_network(
    digest_network, period, django_assert_num_queries
):
    """Fixed per person: the queue is counted, never listed, so more dossiers cost no more queries."""
    with CaptureQueriesContext(connection) as before:
        lines(digest_network.regional_coordinator, period)
    for _ in range(5):
        submitted_set(StructureFactory(territory=digest_network.territory))
    with django_assert_num_queries(len(before.captured_queries)):
        lines(digest_network.regional_coordinator, period)
