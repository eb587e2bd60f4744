"""Whole page contents shared by readers of the same role (spro_portal.shared_pages), on the indicators' dashboard
and campaign page: served from the cache as they were built (the reader's layout and CSRF token aside), renewed at
once by what they show, and never handed from one role to another."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from indicators.services import reports as report_services
from indicators.services.reports import Entry
from indicators.views import campaigns as campaign_views
from indicators.views import dashboards as dashboard_views
from members.models import Mission
from spro_portal import fragments, shared_pages
from tests.factories import MembershipFactory, StructureFactory
from tests.indicators.helpers import adopted_indicator, campaign, report_with
from tests.utils import counting, text

pytestmark = pytest.mark.usefixtures("fragments_on")

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def stored_pages(kind):
    return [key for key in caches["default"]._cache if f":{fragments._PREFIX}page:{kind}:" in key]


@pytest.fixture
def figures(network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    others = [StructureFactory(territory=network.territory) for _ in range(2)]
    item = campaign(
        [indicator],
        [network.structure, network.other_structure, *others],
        start=datetime.date(2025, 1, 1),
        label="T1 2025",
        open_now=False,
    )
    for structure, value in zip(
        [network.structure, network.other_structure, *others], [1111, 2222, 3000, 4000], strict=True
    ):
        report_with(item, structure, {indicator: value})
    return type("Figures", (), {"indicator": indicator, "campaign": item})


def without_tokens(html):
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def test_the_content_served_from_the_cache_is_the_one_built(client_for, figures, monkeypatch):
    builds = counting(monkeypatch, dashboard_views, "indicator_dashboard")
    reader = client_for("adviser")
    url = figures.indicator.get_absolute_url()
    built, served = reader.get(url), reader.get(url)
    assert builds[0] == 1
    assert len(stored_pages("indicator")) == 1
    assert without_tokens(text(served)) == without_tokens(text(built))
    for response in (built, served):
        assert "<!--part:" not in text(response) and 'csrfmiddlewaretoken" value="csrf' not in text(response)
        assert "<!--slot:" not in text(response)


def test_readers_of_one_role_share_it_and_no_other_role_reads_it(client_for, network, figures, monkeypatch):
    """The adviser and another adviser of the same structure share the page (their structure's value in it); its
    referent, the other structure's referent and the coordinator each get their own, with what they may see."""
    builds = counting(monkeypatch, dashboard_views, "indicator_dashboard")
    url = figures.indicator.get_absolute_url()
    first = text(client_for("adviser").get(url))
    colleague = Client()
    colleague.force_login(MembershipFactory(structure=network.structure).user)  # same structure, same role
    colleague_page = text(colleague.get(url))
    assert builds[0] == 1
    client_for("referent").get(url)  # same structure, another role
    assert builds[0] == 2
    other = text(client_for("other_referent").get(url))
    coordinator = text(client_for("regional_coordinator").get(url))
    assert builds[0] == 4
    assert without_tokens(colleague_page).split("<main")[1] == without_tokens(first).split("<main")[1]
    assert f"à côté de {network.structure.name}" in first and f"à côté de {network.structure.name}" in colleague_page
    assert f"à côté de {network.other_structure.name}" in other
    assert network.structure.name not in other.split("<main")[1].split("</main>")[0]
    assert "Ma structure" not in coordinator  # no structure of their own
    assert "Valeurs des structures" in coordinator or network.structure.name in coordinator


def test_each_reader_gets_their_own_layout_and_a_token_that_works(client_for, network, figures):
    url = figures.indicator.get_absolute_url()
    client_for("adviser").get(url)  # builds and stores it
    second = Client(enforce_csrf_checks=True)
    second.force_login(network.adviser)
    page = text(second.get(url))  # from the cache
    assert network.adviser.get_full_name() in page
    token = TOKEN.search(page).group(1)
    response = second.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # the token in the shared content is this reader's: logged out


def test_a_draft_saved_shows_at_once_beside_the_network(
    client_for, network, figures, django_capture_on_commit_callbacks
):
    """T2 2025: three other structures validated, ours not yet; its referent's draft (which goes by update() and
    bulk_create(), no signal) shows beside the network's figure on its next page, and to nobody else."""
    url = figures.indicator.get_absolute_url()
    others = [network.other_structure, *(StructureFactory(territory=network.territory) for _ in range(2))]
    later = campaign(
        [figures.indicator], [network.structure, *others], start=datetime.date(2025, 4, 1), label="T2 2025"
    )
    for structure in others:
        report_with(later, structure, {figures.indicator: 5000})
    with django_capture_on_commit_callbacks(execute=True):  # the first draft creates the report: a signal
        report_services.report_save_draft(
            campaign=later,
            structure=network.structure,
            entries={figures.indicator.pk: Entry(value=6666)},
            revision=0,
            by=network.referent,
        )
    reader = client_for("adviser")
    assert "6666" in text(reader.get(url)).replace("\u202f", "")
    with django_capture_on_commit_callbacks(execute=True):  # the next one only updates it
        report_services.report_save_draft(
            campaign=later,
            structure=network.structure,
            entries={figures.indicator.pk: Entry(value=7777)},
            revision=1,
            by=network.referent,
        )
    page = text(reader.get(url)).replace("\u202f", "")
    assert "7777" in page and "(brouillon)" in page and "6666" not in page
    assert "7777" not in text(client_for("other_referent").get(url)).replace("\u202f", "")


def test_a_mission_renamed_shows_at_once(client_for, figures, django_capture_on_commit_callbacks):
    version = figures.indicator.current_version
    version.mission = Mission.objects.create(name="Accueil", code="accueil-test")
    version.save()
    url = figures.indicator.get_absolute_url()
    reader = client_for("adviser")
    assert "Accueil" in text(reader.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        version.mission.name = "Premier accueil"
        version.mission.save()
    assert "Premier accueil" in text(reader.get(url))


def test_the_campaign_page_is_shared_by_role_and_day(client_for, network, figures, monkeypatch):
    builds = counting(monkeypatch, campaign_views, "campaign_page")
    url = figures.campaign.get_absolute_url()
    client_for("adviser").get(url)
    client_for("adviser").get(url)
    assert builds[0] == 1
    coordinator = text(client_for("regional_coordinator").get(url))
    assert builds[0] == 2
    assert network.other_structure.name in coordinator  # the coordinator's scope table
    assert network.other_structure.name not in text(client_for("adviser").get(url)).split("<main")[1]


def test_an_unknown_campaign_or_indicator_is_a_french_404_and_is_not_stored(client_for):
    reader = client_for("adviser")
    for url in (reverse("indicators:campaign_detail", args=[999999]), "/indicateurs/inconnu/"):
        response = reader.get(url)
        assert response.status_code == 404
        assert "introuvable" in text(response).lower() or "n'existe pas" in text(response)
    assert not stored_pages("campaign") and not stored_pages("indicator")


def test_a_hand_made_long_query_string_is_answered_but_not_stored(client_for, figures):
    url = f"{figures.indicator.get_absolute_url()}?period={'x' * 400}"
    response = client_for("adviser").get(url)
    assert response.status_code == 200
    assert not stored_pages("indicator")


def test_a_content_built_with_the_readers_own_token_is_never_stored(rf: RequestFactory, network, settings):
    """A page part that asked for this reader's CSRF token itself (not through {% csrf_token %}) holds it: storing it
    would hand it to the next reader."""
    from django.middleware.csrf import get_token

    request = rf.get("/mentions-legales/")
    request.user = network.adviser
    request.session = {}
    request._messages = []
    from members.actor import build_actor

    request.actor = build_actor(network.adviser)

    def context():
        return {"own_token": get_token(request)}

    response = shared_pages.render_shared(
        request, "privacy/legal_notice.html", context, kind="test", parts=("x",), generations=()
    )
    assert response.status_code == 200
    assert not stored_pages("test")


def test_a_structures_report_page_is_never_served_from_the_cache_to_who_may_not_read_it(client_for, network, figures):
    url = reverse("indicators:report_detail", args=[figures.campaign.pk, network.structure.slug])
    referent = client_for("referent")
    assert referent.get(url).status_code == 200
    assert referent.get(url).status_code == 200  # from the cache
    assert stored_pages("report")
    for persona in ("other_referent", "other_adviser"):
        response = client_for(persona).get(url)
        assert response.status_code == 404
        assert network.structure.name not in text(response).split("<main")[1]
    assert client_for("regional_coordinator").get(url).status_code == 200
