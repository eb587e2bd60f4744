"""Journey 7: the dashboards — trend, breakdowns, progress to target, my structure beside the network, CSV."""

import datetime
import re

import pytest
from django.urls import reverse

from indicators.models import Report
from tests.factories import StructureFactory, TerritoryFactory
from tests.utils import assert_one_h1_and_no_inline_code, text

from .helpers import adopted_indicator, campaign, ratio_definition, report_with

QUARTERS = [datetime.date(2025, month, 1) for month in (1, 4, 7, 10)]


def quarter_label(start):
    return f"T{(start.month - 1) // 3 + 1} {start.year}"


@pytest.fixture
def indicator(network):
    return adopted_indicator(network.adviser, network.regional_coordinator, target=100)


def fill(indicator, structures, starts, value=lambda structure, index: 40 + index):
    for index, start in enumerate(starts):
        item = campaign([indicator], structures, start=start, label=quarter_label(start), open_now=False)
        for structure in structures:
            report_with(item, structure, {indicator: value(structure, index)})


@pytest.fixture
def filled(network, indicator):
    others = [StructureFactory(territory=network.territory) for _ in range(3)]
    fill(indicator, [network.structure, *others], QUARTERS, lambda s, i: 10 if s == network.structure else 40 + i)
    return indicator


def test_the_dashboard_draws_the_trend_as_svg_with_the_same_figures_in_a_table(client_for, filled):
    response = client_for("other_adviser").get(filled.get_absolute_url())
    html = response.content.decode()
    assert_one_h1_and_no_inline_code(html)
    assert "<svg" in html and "<polyline" in html and html.count('class="chart__dot"') == 4
    assert 'y1="' in html and "," not in html.split('points="')[1].split('"')[0].replace(",", "", 4)
    page = text(response)
    # 10 + 3 × 43 = 139 for T4 2025 (a sum), in the table too.
    assert "T4 2025" in page and "139" in page
    assert "Progression vers la cible" in page


def test_my_structure_sees_its_values_beside_the_network_median(client_for, filled):
    page = text(client_for("referent").get(filled.get_absolute_url()))
    assert "Ma structure" in page and "Médiane du réseau" in page
    # Values of T1 2025: 10, 40, 40, 40: the median is 40.
    row = page.split("T1 2025</th>")[1].split("</tr>")[0]
    assert ">40<" in row.replace(" ", "") and ">10" in row.replace(" ", "")


def test_a_member_of_another_structure_sees_no_structure_value_nor_name(client_for, network, filled):
    page = text(client_for("other_adviser").get(filled.get_absolute_url()))
    assert network.structure.name not in page
    assert "Ma structure" not in page or network.other_structure.name in page


def test_a_period_with_fewer_than_three_structures_is_secret(client_for, network, indicator):
    fill(indicator, [network.structure, StructureFactory()], QUARTERS[:1])
    page = text(client_for("other_adviser").get(indicator.get_absolute_url()))
    assert "secret statistique" in page
    assert "<polyline" not in page  # no point may be drawn


def test_only_validated_reports_count(client_for, network, indicator):
    structures = [network.structure, *(StructureFactory() for _ in range(3))]
    item = campaign([indicator], structures, start=QUARTERS[0], label="T1 2025", open_now=False)
    for structure in structures[:3]:
        report_with(item, structure, {indicator: 100})
    report_with(item, structures[3], {indicator: 999}, status=Report.Status.SUBMITTED)
    page = text(client_for("other_adviser").get(indicator.get_absolute_url()))
    assert "300" in page and "1\u202f299" not in page


def test_ratio_of_sums_is_the_ratio_of_the_sums(client_for, network):
    ratio = adopted_indicator(network.adviser, network.regional_coordinator, **ratio_definition())
    structures = [StructureFactory() for _ in range(3)]
    item = campaign([ratio], structures, start=QUARTERS[0], label="T1 2025", open_now=False)
    for structure, pair in zip(structures, [(1, 10), (1, 10), (8, 10)], strict=True):
        report_with(item, structure, {ratio: pair})
    page = text(client_for("other_adviser").get(ratio.get_absolute_url()))
    assert "33,3\u00a0%" in page  # 10 / 30, not the mean of 10 %, 10 % and 80 %


@pytest.mark.parametrize("query", ["?period=garbage", "?period=2031-01-01", "?period=", "?period=%00"])
def test_a_bad_period_shows_the_latest_with_a_french_notice(client_for, filled, query):
    response = client_for("adviser").get(filled.get_absolute_url() + query)
    assert response.status_code == 200
    if query != "?period=":
        assert "Cette période n'a pas de chiffres validés : la plus récente est affichée." in text(response)


def test_a_chosen_period_drives_the_breakdowns(client_for, filled):
    page = text(client_for("adviser").get(filled.get_absolute_url() + "?period=2025-04-01"))
    assert "Répartition, T2 2025" in page


def test_unknown_indicator_is_404(client_for, network):
    assert client_for("adviser").get("/indicateurs/inconnu/").status_code == 404
    assert client_for("adviser").get("/indicateurs/inconnu/export.csv").status_code == 404


def test_dashboard_list_shows_the_latest_network_figure(client_for, filled):
    page = text(client_for("adviser").get(reverse("indicators:dashboard")))
    assert filled.current_version.name in page and "139" in page


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return [line.split(";") for line in body.lstrip("\ufeff").splitlines()]


def test_csv_for_a_member_has_aggregates_and_their_own_values_only(client_for, network, filled):
    rows = csv_rows(client_for("referent").get(filled.get_absolute_url() + "export.csv"))
    assert rows[0] == ["Partie", "Période", "Groupe", "Nombre de structures", "Valeur", "Unité"]
    parts = {row[0] for row in rows[1:]}
    assert parts == {"Réseau", "Par territoire", "Par type de structure", "Ma structure"}
    assert {row[2] for row in rows if row[0] == "Ma structure"} == {network.structure.name}
    assert not any(row[0] == "Par structure" for row in rows)


def test_csv_for_another_structure_has_no_value_of_ours(client_for, network, filled):
    rows = csv_rows(client_for("other_adviser").get(filled.get_absolute_url() + "export.csv"))
    assert network.structure.name not in {row[2] for row in rows}
    assert "Ma structure" not in {row[0] for row in rows}


def test_csv_for_a_coordinator_lists_the_structures_of_their_scope_only(client_for, network, filled):
    outside = StructureFactory(name="CIO hors périmètre", territory=network.other_territory)
    item = campaign([filled], [outside], start=QUARTERS[-1], label="T4 2025", open_now=False)
    report_with(item, outside, {filled: 5})
    territorial = csv_rows(client_for("territorial_coordinator").get(filled.get_absolute_url() + "export.csv"))
    names = {row[2] for row in territorial if row[0] == "Par structure"}
    assert network.structure.name in names and "CIO hors périmètre" not in names
    regional = csv_rows(client_for("regional_coordinator").get(filled.get_absolute_url() + "export.csv"))
    assert "CIO hors périmètre" in {row[2] for row in regional if row[0] == "Par structure"}


@pytest.mark.parametrize("persona", ["referent", "other_adviser", "regional_coordinator"])
def test_the_dashboard_costs_the_same_queries_with_more_structures_and_periods(
    client_for, network, indicator, assert_same_query_count, persona
):
    fill(indicator, [network.structure, *(StructureFactory() for _ in range(2))], QUARTERS[:1])

    def add_rows():
        structures = [StructureFactory(territory=network.territory) for _ in range(25)]
        structures += [StructureFactory(territory=network.other_territory) for _ in range(25)]
        fill(indicator, [network.structure, *structures], QUARTERS[1:])

    assert_same_query_count(client_for(persona), indicator.get_absolute_url(), add_rows, warm=True)


def test_the_dashboard_list_costs_the_same_queries_with_more_indicators(
    client_for, network, indicator, assert_same_query_count
):
    def add_rows():
        for index in range(3):
            other = adopted_indicator(network.adviser, network.regional_coordinator, name=f"Indicateur {index}")
            fill(other, [StructureFactory() for _ in range(4)], QUARTERS)

    assert_same_query_count(client_for("adviser"), reverse("indicators:dashboard"), add_rows, warm=True)


def test_the_campaign_page_costs_the_same_queries_with_more_structures(
    client_for, network, indicator, assert_same_query_count
):
    item = campaign([indicator], [network.structure])

    def add_rows():
        structures = [StructureFactory(territory=network.territory) for _ in range(50)]
        item.structures.add(*structures)
        for structure in structures[:20]:
            report_with(item, structure, {indicator: 3}, status=Report.Status.SUBMITTED)

    assert_same_query_count(client_for("territorial_coordinator"), item.get_absolute_url(), add_rows, warm=True)


def test_the_report_form_costs_the_same_queries_with_more_indicators(
    client_for, network, indicator, assert_same_query_count
):
    item = campaign([indicator], [network.structure])
    url = reverse("indicators:report_detail", args=[item.pk, network.structure.slug])

    def add_rows():
        for index in range(5):
            item.indicators.add(adopted_indicator(network.adviser, network.regional_coordinator, name=f"Autre {index}"))

    assert_same_query_count(client_for("referent"), url, add_rows, warm=True)


def test_campaign_completeness_by_territory(client_for, network, indicator):
    item = campaign([indicator], [network.structure, network.other_structure])
    report_with(item, network.structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    page = text(client_for("regional_coordinator").get(item.get_absolute_url()))
    assert "Complétude par territoire" in page and "Pays de Rennes" in page and "50 %" in page
    # Two structures, one per territory: a member would read whether each reported.
    page = text(client_for("other_adviser").get(item.get_absolute_url()))
    assert "Complétude par territoire" in page and "50 %" not in page
    assert "Autres territoires (Pays de Brest, Pays de Rennes)" in page and "secret statistique" in page
    assert "Rapports des structures de votre périmètre" not in page  # a member sees no structure's state


def test_a_member_reads_no_completeness_row_over_fewer_than_3_structures(client_for, network, indicator):
    """Rennes: 4 structures, shown. Brest: 1 structure, with the smallest other territory (Quimper, 3) in
    « Autres territoires », so that neither Brest's row nor total − Rennes gives it away."""
    quimper = TerritoryFactory(name="Pays de Quimper")
    rennes = [network.structure, *(StructureFactory(territory=network.territory) for _ in range(3))]
    others = [StructureFactory(territory=quimper) for _ in range(3)]
    item = campaign([indicator], [*rennes, network.other_structure, *others])
    report_with(item, network.other_structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    member = text(client_for("adviser").get(item.get_absolute_url()))
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="number">(\d+)</td>', member)
    assert rows == [
        ("Pays de Rennes", "4"),
        ("Autres territoires (Pays de Brest, Pays de Quimper)", "4"),
        ("Total", "8"),
    ]
    coordinator = text(client_for("regional_coordinator").get(item.get_absolute_url()))
    assert '<tr><th scope="row">Pays de Brest</th><td class="number">1</td>' in coordinator


def test_the_dashboard_shows_the_latest_campaign_completeness_by_territory(client_for, network, filled):
    page = text(client_for("other_adviser").get(filled.get_absolute_url()))
    assert "Complétude de la dernière campagne (T4 2025)" in page and "Pays de Rennes" in page


def test_the_campaign_page_lists_each_structure_of_the_scope_with_its_report(client_for, network, indicator):
    waiting = StructureFactory(name="CIO de Vitré", territory=network.territory)
    item = campaign([indicator], [network.structure, waiting, network.other_structure])
    report_with(item, network.structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    report_with(item, network.other_structure, {indicator: 4}, status=Report.Status.SUBMITTED)
    html = client_for("territorial_coordinator").get(item.get_absolute_url()).content.decode()
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td>[^<]*</td>\s*<td>(.*?)</td>', html)
    assert rows == [
        (
            reverse("indicators:report_detail", args=[item.pk, network.structure.slug]),
            "CIO de Rennes",
            '<span class="badge badge--report-submitted">Déposé</span>',
        ),
        (reverse("indicators:report_detail", args=[item.pk, waiting.slug]), "CIO de Vitré", "Pas commencé"),
    ]  # the Mission locale of the other territory is out of this coordinator's scope
