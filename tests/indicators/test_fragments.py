"""Shared fragments (spro_portal.fragments) turned on for the indicators: a dashboard's network part, a campaign's
completeness and its scope's reports table, a report's values. Each test proves the cached path was taken (a counter
on the function that builds the part, or a marker written into the cached entry and read back), then that what is
shown is right: a change shows at once, and nothing of one reader (their structure's values, their scope) reaches
another.

Renewals of the « indicators » generation run on commit: the test transaction never commits, so every change that
must renew it runs inside `django_capture_on_commit_callbacks(execute=True)`."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from indicators.models import Report
from indicators.pages import dashboards, reports
from indicators.services import reports as report_services
from indicators.services.reports import Entry
from members.models import Membership
from spro_portal import fragments
from tests.factories import CoordinatorFactory, MembershipFactory, StructureFactory
from tests.utils import counting, plain_spaces, text

from .helpers import adopted_indicator, campaign, report_with

SECRET_NOTICE = "Cette période n'a pas de chiffres validés : la plus récente est affichée."


pytestmark = pytest.mark.usefixtures("fragments_on")


def fragment_keys(kind):
    """The keys (as given to the cache) of the fragments of this kind stored in the test's cache."""
    stored = caches["default"]._cache
    return [key.split(":", 2)[2] for key in stored if f":{fragments._PREFIX}{kind}:" in key]


def digits(html_text):
    """A figure as plain digits: « 10 333 » (with its French no-break spaces) → « 10333 »."""
    return plain_spaces(html_text).replace(" ", "")


def trend_cells(page, label):
    """The `<td>` texts of the trend table's row for this period."""
    row = page.split('<table class="table trend-table">')[1].split(f"{label}</th>")[1].split("</tr>")[0]
    return [digits(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


# --- 1. the dashboard ---------------------------------------------------------------------------------------------


@pytest.fixture
def figures(network):
    """T1 2025: four structures validated (ours 1 111, the other referent's 2 222, two others 3 000 and 4 000: the
    network's sum is 10 333) and a fifth submitted (5 000), not yet counted."""
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    third, fourth, fifth = (StructureFactory(territory=network.territory) for _ in range(3))
    item = campaign(
        [indicator],
        [network.structure, network.other_structure, third, fourth, fifth],
        start=datetime.date(2025, 1, 1),
        label="T1 2025",
        open_now=False,
    )
    for structure, value in [(network.structure, 1111), (network.other_structure, 2222), (third, 3000)]:
        report_with(item, structure, {indicator: value})
    report_with(item, fourth, {indicator: 4000})
    pending = report_with(item, fifth, {indicator: 5000}, status=Report.Status.SUBMITTED)
    return type("Figures", (), {"indicator": indicator, "campaign": item, "pending": pending})


def test_a_second_reader_reuses_the_network_part(client_for, figures, monkeypatch):
    builds = counting(monkeypatch, dashboards, "_trend")
    url = figures.indicator.get_absolute_url()
    first = text(client_for("other_adviser").get(url))
    assert builds[0] == 1
    second = text(client_for("adviser").get(url))
    assert builds[0] == 1  # from the cache
    for page in (first, second):
        assert trend_cells(page, "T1 2025")[:2] == ["4", "10333"]
        assert "<polyline" in page or 'class="chart__dot"' in page
        assert "Répartition, T1 2025" in page


def test_validating_a_report_changes_the_network_figure_shown(
    client_for, network, figures, monkeypatch, django_capture_on_commit_callbacks
):
    builds = counting(monkeypatch, dashboards, "_trend")
    url = figures.indicator.get_absolute_url()
    reader = client_for("other_adviser")
    assert trend_cells(text(reader.get(url)), "T1 2025")[:2] == ["4", "10333"]
    assert trend_cells(text(reader.get(url)), "T1 2025")[:2] == ["4", "10333"]
    assert builds[0] == 1

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_validate(report=figures.pending, by=network.regional_coordinator)
    page = text(reader.get(url))
    assert builds[0] == 2
    assert trend_cells(page, "T1 2025")[:2] == ["5", "15333"]
    assert "10333" not in digits(page)


@pytest.mark.parametrize("first", ["referent", "other_referent"])
def test_each_referent_sees_their_own_structures_values_only(client_for, network, figures, monkeypatch, first):
    builds = counting(monkeypatch, dashboards, "_trend")
    url = figures.indicator.get_absolute_url()
    own = {"referent": ("1111", "2222"), "other_referent": ("2222", "1111")}
    structure = {"referent": network.structure, "other_referent": network.other_structure}
    second = "other_referent" if first == "referent" else "referent"
    for persona in (first, second, first):
        page = text(client_for(persona).get(url))
        mine, theirs = own[persona]
        count, network_sum, median, value = trend_cells(page, "T1 2025")
        assert (count, network_sum, value) == ("4", "10333", mine)
        assert median not in ("—", mine, theirs)
        assert theirs not in digits(page)
        assert f"à côté de {structure[persona].name}" in page
        other = structure[second if persona == first else first]
        assert f"à côté de {other.name}" not in page
    assert builds[0] == 1  # the three pages, one network part


@pytest.mark.parametrize("first", ["referent", "regional_coordinator"])
def test_the_median_is_shown_only_beside_ones_own_values(client_for, network, figures, monkeypatch, first):
    builds = counting(monkeypatch, dashboards, "_trend")
    assert network.regional_coordinator.memberships.count() == 0  # no structure of their own
    url = figures.indicator.get_absolute_url()
    second = "regional_coordinator" if first == "referent" else "referent"
    pages = {persona: text(client_for(persona).get(url)) for persona in (first, second)}
    assert builds[0] == 1
    # Median of 1 111, 2 222, 3 000 and 4 000.
    cells = trend_cells(pages["referent"], "T1 2025")
    assert "Médiane du réseau" in pages["referent"] and len(cells) == 4 and cells[2] not in ("", "—")
    median = cells[2]
    assert "Médiane du réseau" not in pages["regional_coordinator"]
    assert trend_cells(pages["regional_coordinator"], "T1 2025") == ["4", "10333"]
    assert median not in digits(pages["regional_coordinator"].split("trend-table")[1].split("</table>")[0])


@pytest.mark.parametrize("first", ["referent", "other_adviser"])
def test_the_secret_statistique_still_applies_from_the_cache(client_for, network, monkeypatch, first):
    """Two structures only: the network's figure, its breakdowns and its median stay hidden for every reader,
    whoever cached the part; the referent still reads their own value."""
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign(
        [indicator],
        [network.structure, network.other_structure],
        start=datetime.date(2025, 1, 1),
        label="T1 2025",
        open_now=False,
    )
    report_with(item, network.structure, {indicator: 1111})
    report_with(item, network.other_structure, {indicator: 2222})
    builds = counting(monkeypatch, dashboards, "_trend")
    second = "other_adviser" if first == "referent" else "referent"
    pages = {persona: text(client_for(persona).get(indicator.get_absolute_url())) for persona in (first, second)}
    assert builds[0] == 1
    for persona, page in pages.items():
        row = page.split('<table class="table trend-table">')[1].split("</table>")[0]
        assert "secret statistique" in row
        assert "<polyline" not in page
        assert "3333" not in digits(page)
        assert "Moins de 3 structures ont des valeurs validées" in page
        mine, theirs = ("1111", "2222") if persona == "referent" else ("2222", "1111")
        assert theirs not in digits(page)
        assert trend_cells(page, "T1 2025") == ["secretstatistique", "—", mine]  # no median over 2 values


def test_a_bad_period_still_gives_the_french_notice_from_the_cache(client_for, figures, monkeypatch):
    builds = counting(monkeypatch, dashboards, "_trend")
    url = figures.indicator.get_absolute_url() + "?period=garbage"
    for persona in ("adviser", "other_adviser"):
        response = client_for(persona).get(url)
        assert response.status_code == 200
        assert SECRET_NOTICE in text(response)
        assert "Répartition, T1 2025" in text(response)
    assert builds[0] == 1
    # The same page without the bad value has no notice, from the same cached periods: a hand-typed ?period= is
    # resolved to the period it shows before anything is keyed by it (no cache entry per junk value).
    assert SECRET_NOTICE not in text(client_for("adviser").get(figures.indicator.get_absolute_url()))
    assert builds[0] == 1
    for junk in ("x", "2025-13-45", "1999-01-01"):
        client_for("adviser").get(figures.indicator.get_absolute_url() + f"?period={junk}")
    assert builds[0] == 1


# --- 2. the campaign page -----------------------------------------------------------------------------------------


@pytest.fixture
def open_campaign(network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure, network.other_structure], start=datetime.date(2026, 4, 1))
    return type("Open", (), {"indicator": indicator, "campaign": item})


def completeness_total(page):
    foot = page.split('<h2 id="completeness-title">')[1].split("<tfoot>")[1].split("</tfoot>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", foot)]


def reports_section(page):
    if 'id="reports-title"' not in page:
        return ""
    return page.split('id="reports-title"')[1].split("</section>")[0]


def test_a_submitted_report_changes_a_cached_completeness(
    client_for, network, open_campaign, monkeypatch, django_capture_on_commit_callbacks
):
    builds = counting(monkeypatch, reports, "_completeness")
    url = open_campaign.campaign.get_absolute_url()
    reader = client_for("regional_coordinator")  # sees every territory (a member: « secret statistique »)
    assert completeness_total(text(reader.get(url)))[:2] == ["2", "0"]
    assert completeness_total(text(reader.get(url)))[:2] == ["2", "0"]
    assert builds[0] == 1

    draft = report_with(open_campaign.campaign, network.structure, {open_campaign.indicator: 12}, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        submitted = report_services.report_submit(report=draft, by=network.referent)
    assert submitted.status == Report.Status.SUBMITTED
    page = text(reader.get(url))
    assert builds[0] == 2
    assert completeness_total(page)[:3] == ["2", "1", "50 %"]


@pytest.mark.parametrize("first", ["rennes", "brest"])
def test_two_coordinators_read_each_their_own_scopes_reports(network, open_campaign, monkeypatch, first):
    builds = counting(monkeypatch, reports, "structure_rows")
    brest = CoordinatorFactory(user__email="coordination.brest@region.fr", territories=[network.other_territory]).user
    clients = {"rennes": Client(), "brest": Client()}
    clients["rennes"].force_login(network.territorial_coordinator)
    clients["brest"].force_login(brest)
    names = {"rennes": network.structure.name, "brest": network.other_structure.name}
    url = open_campaign.campaign.get_absolute_url()
    second = "brest" if first == "rennes" else "rennes"
    for who in (first, second, first, second):
        section = reports_section(text(clients[who].get(url)))
        assert names[who] in section
        assert names[second if who == first else first] not in section
    assert builds[0] == 2  # each scope's table built once, then read from the cache


def test_an_adviser_gets_no_reports_table_after_a_coordinator_cached_one(client_for, network, open_campaign):
    url = open_campaign.campaign.get_absolute_url()
    assert network.structure.name in reports_section(text(client_for("regional_coordinator").get(url)))
    assert fragment_keys("template:campaign-reports")
    for persona in ("adviser", "other_referent"):
        page = text(client_for(persona).get(url))
        assert reports_section(page) == ""
        assert "Rapports des structures de votre périmètre" not in page


# --- 3. the report form -------------------------------------------------------------------------------------------

MARKER = '<p id="cached-marker">servi depuis le cache</p>'


def mark_cached(kind):
    """Replace the one stored fragment of this kind by a marker: a page that shows it read the cache."""
    keys = fragment_keys(kind)
    assert len(keys) == 1, keys
    cache.set(keys[0], MARKER, timeout=3600)


def report_url(open_campaign, structure, name="report_detail"):
    return reverse(f"indicators:{name}", args=[open_campaign.campaign.pk, structure.slug])


def value_input(page, indicator):
    match = re.search(rf'<input[^>]*name="value_{indicator.pk}"[^>]*>', page)
    assert match, "no input for this indicator"
    found = re.search(r'value="([^"]*)"', match.group(0))
    return found.group(1) if found else ""


def test_a_saved_draft_shows_its_new_value(client_for, network, open_campaign, django_capture_on_commit_callbacks):
    referent = client_for("referent")
    url = report_url(open_campaign, network.structure)
    assert value_input(text(referent.get(url)), open_campaign.indicator) == ""
    (key,) = fragment_keys("page:report")
    stamps, blocks = cache.get(key)
    cache.set(key, (stamps, {**blocks, "content": MARKER}), timeout=3600)
    assert MARKER in text(referent.get(url))  # the page came from the cache

    with django_capture_on_commit_callbacks(execute=True):  # the structure's values renewed on commit
        report_services.report_save_draft(
            campaign=open_campaign.campaign,
            structure=network.structure,
            entries={open_campaign.indicator.pk: Entry(value=Decimal(12))},
            revision=0,
            by=network.referent,
        )
    page = text(referent.get(url))
    assert MARKER not in page
    assert value_input(page, open_campaign.indicator) == "12"
    assert 'name="revision" value="1"' in page
    assert len(fragment_keys("template:report-rows")) == 2  # revision 0 and revision 1


def test_a_refused_post_shows_what_was_typed_and_the_error_not_the_cached_blank(client_for, network, open_campaign):
    referent = client_for("referent")
    referent.get(report_url(open_campaign, network.structure))
    mark_cached("template:report-rows")
    data = {"revision": 0, f"value_{open_campaign.indicator.pk}": "douze", f"comment_{open_campaign.indicator.pk}": ""}
    response = referent.post(report_url(open_campaign, network.structure, "report_save"), data)
    assert response.status_code == 400
    page = text(response)
    assert MARKER not in page
    assert value_input(page, open_campaign.indicator) == "douze"
    assert "Certaines valeurs ne sont pas des nombres : rien n'a été enregistré." in page
    assert 'class="errorlist' in page.split('class="form report-form"')[1]
    assert len(fragment_keys("template:report-rows")) == 1  # the refused form was not stored


def test_a_read_only_report_and_an_editable_one_share_no_html(
    client_for, network, open_campaign, django_capture_on_commit_callbacks
):
    url = report_url(open_campaign, network.structure)
    draft = report_with(open_campaign.campaign, network.structure, {open_campaign.indicator: 12}, status="draft")
    editable = text(client_for("referent").get(url))
    assert value_input(editable, open_campaign.indicator) == "12"
    # The adviser of the same structure, same report and revision, reads it only.
    read_only = text(client_for("adviser").get(url))
    assert f'name="value_{open_campaign.indicator.pk}"' not in read_only
    assert 'id="values-caption"' in read_only and 'id="values-caption"' not in editable
    assert len(fragment_keys("template:report-rows")) == 1 and len(fragment_keys("template:report-values")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        submitted = report_services.report_submit(report=draft, by=network.referent)
        report_services.report_validate(report=submitted, by=network.territorial_coordinator)
    validated = text(client_for("referent").get(url))
    assert f'name="value_{open_campaign.indicator.pk}"' not in validated
    assert 'id="values-caption"' in validated
    values = validated.split('id="values-caption"')[1].split("</table>")[0]
    assert ">12<" in values.replace(" ", "")
    assert len(fragment_keys("template:report-values")) == 2  # not the adviser's draft one


def test_a_concurrent_edit_shows_the_value_saved_in_between(
    client_for, network, open_campaign, django_capture_on_commit_callbacks
):
    indicator = open_campaign.indicator
    second_referent = MembershipFactory(structure=network.structure, role=Membership.Role.REFERENT).user
    first, second = client_for("referent"), Client()
    second.force_login(second_referent)
    url = report_url(open_campaign, network.structure)
    for client in (first, second):
        client.get(url)  # both opened the blank form (revision 0), shared
    assert len(fragment_keys("template:report-rows")) == 1

    save = report_url(open_campaign, network.structure, "report_save")
    typed = {"revision": 0, f"comment_{indicator.pk}": ""}
    with django_capture_on_commit_callbacks(execute=True):
        assert first.post(save, {**typed, f"value_{indicator.pk}": "12"}).status_code == 302
    assert value_input(text(first.get(url)), indicator) == "12"  # revision 1, cached now
    assert len(fragment_keys("template:report-rows")) == 2

    response = second.post(save, {**typed, f"value_{indicator.pk}": "15"})
    assert response.status_code == 409
    page = text(response)
    assert "a enregistré ce rapport entre-temps" in page
    assert "Enregistré entre-temps : 12" in page
    assert value_input(page, indicator) == "15"
    assert len(fragment_keys("template:report-rows")) == 2  # the conflict's rows were not stored


# --- 5. the release in every key ----------------------------------------------------------------------------------


@pytest.fixture
def fresh_release():
    """`fragments.release()` read anew (it is kept for the process), and read anew again after the test."""
    fragments.release.cache_clear()
    yield
    fragments.release.cache_clear()


def test_the_release_comes_from_the_environment_and_changes_every_key(monkeypatch, fresh_release):
    monkeypatch.setenv("RELEASE", "2026.12.01-a")
    assert fragments.release() == "2026.12.01-a"
    first = fragments.key_of("indicator-network", 1, 2, "", (3,))
    monkeypatch.setenv("RELEASE", "2026.12.01-b")
    assert fragments.release() == "2026.12.01-a"  # kept for the process...
    assert fragments.key_of("indicator-network", 1, 2, "", (3,)) == first
    fragments.release.cache_clear()  # ...until it starts again
    assert fragments.release() == "2026.12.01-b"
    assert fragments.key_of("indicator-network", 1, 2, "", (3,)) != first

    monkeypatch.delenv("RELEASE")
    fragments.release.cache_clear()
    digest = fragments.release()
    assert re.fullmatch(r"[0-9a-f]{16}", digest)  # the sources' digest
    fragments.release.cache_clear()
    assert fragments.release() == digest  # the same sources, the same digest


def test_a_new_release_builds_the_parts_again(client_for, figures, monkeypatch, fresh_release):
    builds = counting(monkeypatch, dashboards, "_trend")
    url = figures.indicator.get_absolute_url()
    monkeypatch.setenv("RELEASE", "ancienne")
    client_for("adviser").get(url)
    client_for("adviser").get(url)
    assert builds[0] == 1 and len(fragment_keys("template:indicator-chart")) == 1

    monkeypatch.setenv("RELEASE", "nouvelle")
    fragments.release.cache_clear()
    page = text(client_for("adviser").get(url))
    assert builds[0] == 2  # the older release's part is not served
    assert len(fragment_keys("template:indicator-chart")) == 2  # nor its chart
    assert trend_cells(page, "T1 2025")[:2] == ["4", "10333"]


# --- names the parts show -----------------------------------------------------------------------------------------


def completeness_territories(page, heading='id="completeness-title"'):
    body = page.split(heading)[1].split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<th scope="row">([^<]*)</th>', body)


def test_a_renamed_territory_shows_in_the_cached_parts(
    client_for, network, figures, open_campaign, monkeypatch, django_capture_on_commit_callbacks
):
    """The dashboard's completeness and the campaign page's name the territories: a renaming (no report, no
    campaign changed) must not leave the old name in the shared parts."""
    builds = counting(monkeypatch, dashboards, "_trend")
    dashboard, campaign_url = figures.indicator.get_absolute_url(), open_campaign.campaign.get_absolute_url()
    reader = client_for("regional_coordinator")  # sees every territory (a member: « secret statistique »)
    assert "Pays de Rennes" in completeness_territories(text(reader.get(dashboard)))
    assert "Pays de Rennes" in completeness_territories(text(reader.get(campaign_url)))
    reader.get(dashboard)
    assert builds[0] == 1

    with django_capture_on_commit_callbacks(execute=True):
        network.territory.name = "Rennes Métropole"
        network.territory.save()
    for url in (dashboard, campaign_url):
        territories = completeness_territories(text(reader.get(url)))
        assert "Rennes Métropole" in territories and "Pays de Rennes" not in territories


def test_a_structure_moved_to_another_territory_shows_in_the_cached_parts(
    client_for, network, figures, django_capture_on_commit_callbacks
):
    dashboard = figures.indicator.get_absolute_url()
    reader = client_for("regional_coordinator")  # sees every territory (a member: « secret statistique »)
    assert "Pays de Brest" in completeness_territories(text(reader.get(dashboard)))  # the other structure's

    with django_capture_on_commit_callbacks(execute=True):
        network.other_structure.territory = network.territory
        network.other_structure.save(update_fields=["territory"])
    assert completeness_territories(text(reader.get(dashboard))) == ["Pays de Rennes"]
