"""The bench data modules of the indicators and the library (tests/bench/*_data.py, see loadkit.py): on a small
demo network they load a realistic mix, reuse it when it is there, and every page they name answers its person."""

import pytest

from members.models import User
from practices.models import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility
from tests.bench import indicator_data, resource_data
from tests.utils import seed_demo


@pytest.fixture
def demo(settings, media_root):
    settings.DEBUG = True
    seed_demo()


def answers(client, page):
    user = User.objects.get(email=page.email)
    assert user.check_password(page.password)
    client.force_login(user)
    for path in page.paths:
        response = client.get(path)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_resource_data_loads_a_realistic_mix_once(demo, client, monkeypatch, media_root):
    monkeypatch.setattr(resource_data, "BENCH_RESOURCES", 120)
    lines = []
    resource_data.ensure_loaded(lines.append)
    assert Resource.objects.count() == 120
    assert {kind for kind in Resource.objects.values_list("kind", flat=True)} == set(Kind.values)
    assert set(Resource.objects.values_list("licence", flat=True)) == set(Licence.values)
    assert Resource.objects.filter(has_file=False).count() > Resource.objects.filter(has_file=True).count() > 0
    assert Resource.objects.filter(visibility=Visibility.PUBLIC).exists()
    # Counters match the rows they count, and every file resource points at its latest stored version.
    for resource in Resource.objects.filter(reuse_count__gt=0):
        assert ReuseStory.objects.filter(resource=resource).count() == resource.reuse_count
    for resource in Resource.objects.filter(has_file=True).select_related("current_version"):
        latest = ResourceVersion.objects.filter(resource=resource).order_by("-number").first()
        assert resource.current_version == latest
        assert (media_root / latest.file.name).is_file()
    bench = Resource.objects.filter(title__contains=", n° ")  # the demo's own resources are the others
    assert bench.filter(missions__isnull=False).distinct().count() == bench.count() > 100

    resource_data.ensure_loaded(lines.append)
    assert Resource.objects.count() == 120
    assert lines[-1] == "Ressources : 120 déjà présentes (réutilisées)"
    for page in resource_data.load_pages():
        answers(client, page)


@pytest.mark.django_db
def test_indicator_pages_answer_their_person(demo, client):
    lines = []
    indicator_data.ensure_loaded(lines.append)
    assert "attention : moins de 40 indicateurs" in lines[-1]  # scale 1 has three
    pages = indicator_data.load_pages()
    assert [page.name for page in pages] == ["indicator_dashboard", "campaign_completeness", "report_form"]
    for page in pages:
        assert page.paths
        answers(client, page)
