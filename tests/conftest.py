"""Personas and shared fixtures. Tests read like sentences: `test_adviser_of_other_structure_cannot_...`."""

from types import SimpleNamespace

import pytest
from django.test import Client

from members.models import Audience, Membership, Mission, Structure
from members.reference_data import AUDIENCES, MISSIONS, ensure_reference_data

from .factories import (
    CoordinatorFactory,
    MembershipFactory,
    StructureFactory,
    TerritoryFactory,
    UserFactory,
)

PERSONAS = [
    "anonymous",
    "adviser",
    "referent",
    "other_adviser",
    "territorial_coordinator",
    "regional_coordinator",
    "staff",
]


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
    referent = MembershipFactory(
        structure=structure,
        role=Membership.Role.REFERENT,
        user__email="referente@cio-rennes.fr",
    ).user
    adviser = MembershipFactory(structure=structure, user__email="conseiller@cio-rennes.fr").user
    other_referent = MembershipFactory(
        structure=other_structure,
        role=Membership.Role.REFERENT,
        user__email="referent@ml-brest.fr",
    ).user
    other_adviser = MembershipFactory(structure=other_structure, user__email="conseillere@ml-brest.fr").user
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
