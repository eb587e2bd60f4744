"""`seed_demo` fills the library: every kind and licence, versions, adaptations, reuse stories, real files that
download; each demo account finds something."""

from django.test import Client

from members.models import User
from practices.models import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility
from spro_portal.uploads import check_upload
from tests.utils import seed_demo, text

from .resource_factories import upload

DEMO = [
    "conseiller@demo.spro.fr",
    "referent@demo.spro.fr",
    "conseiller.autre@demo.spro.fr",
    "coordination@demo.spro.fr",
    "territoire@demo.spro.fr",
]


def test_every_kind_and_licence_with_versions_adaptations_and_stories(seeded):
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert set(Resource.objects.values_list("licence", flat=True)) == set(Licence.values)
    assert Resource.objects.filter(visibility=Visibility.PUBLIC).exists()
    assert Resource.objects.filter(visibility=Visibility.GROUP).exists()
    assert Resource.objects.filter(has_file=False).exists()
    assert ResourceVersion.objects.filter(number__gte=2).count() >= 3
    assert Resource.objects.filter(derived_from__isnull=False).count() >= 2
    assert ReuseStory.objects.count() >= 4
    assert Resource.objects.filter(download_count__gt=0).exists()


def test_the_demo_files_are_real_and_pass_the_checks(seeded):
    for version in ResourceVersion.objects.all():
        with version.file.open("rb") as handle:
            content = handle.read()
        checked = check_upload(upload(version.original_name, content))
        assert checked.content_type == version.content_type
        assert not checked.may_hold_markup and not checked.may_hold_formulas


def test_each_demo_account_sees_resources_and_downloads_one(seeded):
    for email in DEMO:
        client = Client()
        client.force_login(User.objects.get(email=email))
        page = text(client.get("/ressources/"))
        assert "Grille d'entretien de premier accueil" in page, email
    client = Client()
    client.force_login(User.objects.get(email="conseiller.autre@demo.spro.fr"))
    version = ResourceVersion.objects.filter(resource__visibility=Visibility.NETWORK).first()
    response = client.get(f"/ressources/fichiers/{version.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_visitors_see_the_public_resource(seeded):
    page = text(Client().get("/ressources/"))
    assert "Bonne pratique : un accueil sans rendez-vous le mercredi" in page
    assert "Grille d'entretien de premier accueil" not in page


def test_seeding_twice_adds_nothing(seeded):
    counts = (Resource.objects.count(), ResourceVersion.objects.count(), ReuseStory.objects.count())
    seed_demo()
    assert (Resource.objects.count(), ResourceVersion.objects.count(), ReuseStory.objects.count()) == counts
