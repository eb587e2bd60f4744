"""`manage.py seed_demo` builds a believable, complete and repeatable demo network, and only in development."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management.base import CommandError
from django.core.validators import validate_email

from members.models import Coordinator, Invitation, JoinRequest, Membership, Structure, Territory, User
from practices.models import (
    Category,
    Post,
    PostRevision,
    Reaction,
    Resource,
    ResourceVersion,
    ReuseStory,
    Topic,
    WorkingGroup,
)
from tests.utils import seed_demo

DEMO_PASSWORD = "spro-demo-2026"
DEMO_EMAILS = [
    "coordination@demo.spro.fr",
    "territoire@demo.spro.fr",
    "referent@demo.spro.fr",
    "conseiller@demo.spro.fr",
    "conseiller.autre@demo.spro.fr",
    "admin@demo.spro.fr",
]
SEEDED_MODELS = [Territory, Structure, User, Membership, Coordinator, EmailAddress, JoinRequest, Invitation]


def counts():
    return {model.__name__: model.objects.count() for model in SEEDED_MODELS}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def active_membership(email):
    return Membership.objects.active().select_related("structure").get(user__email=email)


def test_seed_builds_a_regional_network_of_every_kind_of_structure(seeded):
    assert Territory.objects.count() >= 6
    assert Structure.objects.count() >= 40
    assert set(Structure.objects.values_list("type", flat=True)) == set(Structure.Type.values)
    assert User.objects.count() >= 150
    statuses = set(Structure.objects.values_list("label_status", flat=True))
    assert statuses == set(Structure.LabelStatus.values)
    assert Structure.objects.labelled().count() > Structure.objects.count() * 3 // 4


def test_seed_reports_its_progress_in_french(seeded):
    assert "Territoires : 6" in seeded
    assert "Structures : 40/40" in seeded
    assert "Personnes : " in seeded
    assert DEMO_PASSWORD in seeded


def test_every_structure_has_an_active_referent_and_advisers(seeded):
    for structure in Structure.objects.all():
        assert structure.memberships.referents().exists(), structure
        assert structure.memberships.active().filter(role=Membership.Role.ADVISER).exists(), structure


def test_every_seeded_user_can_log_in_with_a_verified_ascii_address(seeded):
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    for email in User.objects.values_list("email", flat=True):
        assert email.isascii(), email
        validate_email(email)


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_demo_account_has_the_demo_password_and_a_verified_address(seeded, email):
    user = User.objects.get(email=email)
    assert user.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).exists()


def test_demo_accounts_have_their_roles_and_scopes(seeded):
    cio = active_membership("referent@demo.spro.fr").structure

    regional = User.objects.get(email="coordination@demo.spro.fr")
    assert regional.coordinator.is_regional
    assert not regional.memberships.active().exists()

    territorial = User.objects.get(email="territoire@demo.spro.fr")
    assert not territorial.coordinator.is_regional
    assert list(territorial.coordinator.territories.all()) == [cio.territory]

    assert cio.type == Structure.Type.CIO
    assert active_membership("referent@demo.spro.fr").role == Membership.Role.REFERENT

    adviser = active_membership("conseiller@demo.spro.fr")
    assert (adviser.structure, adviser.role) == (cio, Membership.Role.ADVISER)

    other = active_membership("conseiller.autre@demo.spro.fr")
    assert other.role == Membership.Role.ADVISER
    assert other.structure.type == Structure.Type.MISSION_LOCALE
    assert other.structure.territory != cio.territory

    admin = User.objects.get(email="admin@demo.spro.fr")
    assert admin.is_staff and admin.is_superuser


def test_demo_referent_has_a_join_request_and_an_invitation_to_handle(seeded):
    cio = active_membership("referent@demo.spro.fr").structure
    assert cio.join_requests.filter(status=JoinRequest.Status.PENDING).exists()
    assert Invitation.objects.pending().filter(structure=cio).exists()
    requester = cio.join_requests.first().user
    assert not requester.memberships.exists()


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    seed_demo()
    assert counts() == before


def test_seeding_is_deterministic(seeded):
    emails = set(User.objects.values_list("email", flat=True))
    structures = set(Structure.objects.values_list("slug", "name", "type", "commune", "label_status"))
    # The forum's rows protect their authors: they go first.
    Category.objects.update(last_topic=None)
    Topic.objects.update(solution=None, last_post=None)
    for model in [ReuseStory, ResourceVersion, Resource, Reaction, PostRevision, Post, Topic, WorkingGroup]:
        model.objects.all().delete()
    for model in [Invitation, JoinRequest, Coordinator, EmailAddress, Membership, User, Structure, Territory]:
        model.objects.all().delete()
    seed_demo()
    assert set(User.objects.values_list("email", flat=True)) == emails
    assert set(Structure.objects.values_list("slug", "name", "type", "commune", "label_status")) == structures


def test_seed_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed_demo()
    assert not Structure.objects.exists()


def test_seed_refuses_a_non_positive_scale(db, debug):
    with pytest.raises(CommandError):
        seed_demo(scale=0)


def test_if_empty_seeds_an_empty_database(db, debug):
    seed_demo(if_empty=True)
    assert Structure.objects.count() >= 40


def test_if_empty_skips_when_structures_exist(seeded):
    before = counts()
    output = seed_demo(if_empty=True)
    assert "Données de démonstration déjà présentes." in output
    assert counts() == before


def test_small_scale_still_covers_every_type_and_the_demo_accounts(db, debug):
    seed_demo(scale=0.25)
    assert set(Structure.objects.values_list("type", flat=True)) == set(Structure.Type.values)
    assert Structure.objects.count() < 40
    assert User.objects.filter(email__in=DEMO_EMAILS).count() == len(DEMO_EMAILS)
    for structure in Structure.objects.all():
        assert structure.memberships.referents().exists(), structure


def test_a_larger_scale_extends_a_smaller_seed(db, debug):
    seed_demo(scale=0.25)
    seed_demo()
    assert Structure.objects.count() == 40
    for structure in Structure.objects.all():
        assert structure.memberships.referents().exists(), structure
    assert User.objects.count() >= 150
