"""The personal home page: each person sees what needs them, for their role."""

import pytest

from tests.factories import JoinRequestFactory, StructureFactory, published_charter, submitted_set
from tests.utils import text


@pytest.fixture
def waiting(network):
    """One submitted set in each territory, the one in Rennes waiting for 12 days."""
    version = published_charter(2, code="E")
    submitted_set(network.structure, version=version, days_ago=12)
    submitted_set(network.other_structure, version=version, days_ago=3)


def test_territorial_coordinator_is_told_what_waits_for_review_in_their_scope(client_for, waiting):
    html = text(client_for("territorial_coordinator").get("/"))
    assert "1 dossier d'engagements attend votre revue" in html
    assert "Ouvrir la file de revue" in html


def test_regional_coordinator_counts_the_whole_region(client_for, waiting):
    assert "2 dossiers d'engagements attendent votre revue" in text(client_for("regional_coordinator").get("/"))


@pytest.mark.parametrize("persona", ["adviser", "referent", "other_adviser", "staff"])
def test_people_who_do_not_review_are_not_told_about_the_queue(client_for, waiting, persona):
    assert "attend votre revue" not in text(client_for(persona).get("/"))


def test_nothing_to_do_says_so(client_for, network):
    assert "Rien ne vous attend pour l'instant" in text(client_for("regional_coordinator").get("/"))


def test_coordinator_home_costs_the_same_with_1_or_50_things_to_handle(client_for, network, assert_same_query_count):
    version = published_charter(2, code="E")
    submitted_set(network.structure, version=version)
    JoinRequestFactory(structure=network.structure)

    def add_rows():
        for number in range(49):
            structure = StructureFactory(name=f"Structure {number}", territory=network.territory)
            submitted_set(structure, version=version, cycle=network.structure.commitment_sets.get().cycle)
            JoinRequestFactory(structure=structure)

    assert_same_query_count(client_for("regional_coordinator"), "/", add_rows, warm=True)


def test_referent_home_costs_the_same_with_1_or_50_join_requests(client_for, network, assert_same_query_count):
    JoinRequestFactory(structure=network.structure)
    assert_same_query_count(
        client_for("referent"),
        "/",
        lambda: JoinRequestFactory.create_batch(49, structure=network.structure),
        warm=True,
    )
