import pytest

from spro_portal.digest import periods
from tests.factories import open_cycle, published_charter, submitted_set

PERIOD = periods.month(2026, 11)


@pytest.fixture
def period():
    return PERIOD


@pytest.fixture
def digest_network(network):
    """The personas, a cycle in progress and the CIO's commitments awaiting review: both referents and both
    coordinators have something in their digest; advisers and staff have nothing (their digest is empty)."""
    cycle = open_cycle()
    submitted_set(network.structure, cycle=cycle, version=published_charter(), by=network.referent, days_ago=5)
    return network


@pytest.fixture
def with_content(digest_network):
    return [
        digest_network.referent,
        digest_network.other_referent,
        digest_network.territorial_coordinator,
        digest_network.regional_coordinator,
    ]
