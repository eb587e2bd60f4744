"""The `network` of personas and shared fixtures. Tests read like sentences: `test_adviser_of_other_structure_...`."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.models import Audience, Membership, Mission, Structure
from members.reference_data import AUDIENCES, MISSIONS, ensure_reference_data

from .factories import (
    CoordinatorFactory,
    MembershipFactory,
    StructureFactory,
    TerritoryFactory,
    UserFactory,
)
from .utils import seed_demo


class _InvalidTemplateVariable(str):
    """`string_if_invalid` that fails the test on an undefined variable in a template."""

    def __contains__(self, key):
        return key == "%s"

    def __mod__(self, variable):
        raise AssertionError(f"Variable de gabarit indéfinie : {variable}")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The per-person caches that production turns on with Redis are tested on their own (test_actor_cache,
    # test_unread_count_cache, test_fragments, the privacy tests on both session engines); elsewhere, as on CI where
    # REDIS_URL is set, a query-count test would otherwise compare a cold request with a warm one.
    settings.ACTOR_CACHE_SECONDS = 0
    settings.UNREAD_COUNT_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for template in settings.TEMPLATES:
        template["OPTIONS"]["string_if_invalid"] = _InvalidTemplateVariable("")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The missions and audiences created by a data migration, back after a transactional test flushed them."""
    names = set(request.fixturenames)
    if names & {"transactional_db", "live_server"}:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    if Mission.objects.count() < len(MISSIONS) or Audience.objects.count() < len(AUDIENCES):
        ensure_reference_data(Mission, Audience)


def _member(structure, email, role=Membership.Role.ADVISER):
    return MembershipFactory(structure=structure, role=role, user__email=email).user


@pytest.fixture
def network(db):
    """Two territories, a CIO in the first and a Mission locale in the second, with their people."""
    territory = TerritoryFactory(name="Pays de Rennes", slug="pays-de-rennes")
    other_territory = TerritoryFactory(name="Pays de Brest", slug="pays-de-brest")
    structure = StructureFactory(name="CIO de Rennes", territory=territory)
    other_structure = StructureFactory(
        name="Mission locale du Pays de Brest",
        type=Structure.Type.MISSION_LOCALE,
        territory=other_territory,
    )
    referent = _member(structure, "referente@cio-rennes.fr", Membership.Role.REFERENT)
    adviser = _member(structure, "conseiller@cio-rennes.fr")
    other_referent = _member(other_structure, "referent@ml-brest.fr", Membership.Role.REFERENT)
    other_adviser = _member(other_structure, "conseillere@ml-brest.fr")
    territorial_coordinator = CoordinatorFactory(
        user__email="coordination.rennes@region.fr", territories=[territory]
    ).user
    regional_coordinator = CoordinatorFactory(user__email="coordination@region.fr", is_regional=True).user
    staff = UserFactory(email="technique@region.fr", is_staff=True, is_superuser=True)
    return SimpleNamespace(
        territory=territory,
        other_territory=other_territory,
        structure=structure,
        other_structure=other_structure,
        anonymous=None,
        adviser=adviser,
        referent=referent,
        other_referent=other_referent,
        other_adviser=other_adviser,
        territorial_coordinator=territorial_coordinator,
        regional_coordinator=regional_coordinator,
        staff=staff,
    )


@pytest.fixture
def client_for(network):
    """`client_for("referent")` returns a test client logged in as that persona (anonymous: not logged in)."""

    def make(persona):
        client = Client()
        user = getattr(network, persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder; use it with `pytestmark = pytest.mark.usefixtures("media_root")`."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def assert_same_query_count(django_assert_num_queries):
    """`assert_same_query_count(client, url, add_rows)`: the page costs as many queries after `add_rows()` (which
    takes the page from 1 row to 50) as before. The page must answer 200; `warm=True` opens it once first, so the
    session is set up before counting. Returns the second response."""

    def check(client, url, add_rows, *, warm=False):
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        add_rows()
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(url)
        return response

    return check


@pytest.fixture
def seeded(settings, db, media_root):
    """The demo network of `manage.py seed_demo` (its files in a temporary media root); returns what it printed."""
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    return seed_demo()


@pytest.fixture
def fragments_on(settings, request):
    """Shared fragments (spro_portal.fragments) turned on, in a local-memory cache of this test's own: for the tests
    of what is cached and when it is rebuilt (`pytestmark = pytest.mark.usefixtures("fragments_on")`)."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }
    cache.clear()
    yield
    cache.clear()
