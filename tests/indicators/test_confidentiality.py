"""Secret statistique: no figure over fewer than 3 structures, directly or by subtraction, in pages and CSV."""

import re

import pytest

from indicators.confidentiality import MIN_STRUCTURES, Breakdown, Cell, apply_secret, completeness_shown
from members.models import Structure
from tests.factories import StructureFactory, TerritoryFactory
from tests.utils import text

from .helpers import adopted_indicator, campaign, report_with


def cells(*counts):
    return [Cell(key=index, label=str(index), count=count) for index, count in enumerate(counts)]


def hidden(breakdown):
    return [cell.key for cell in breakdown.cells if cell.hidden]


def test_a_cell_over_fewer_than_three_structures_is_hidden_with_its_smallest_neighbour():
    breakdown = Breakdown("territoire", cells(5, 2, 4))
    assert apply_secret(11, breakdown) is False
    # Hiding only the 2 would be useless: total − 5 − 4 gives it back.
    assert hidden(breakdown) == [1, 2]


def test_two_small_cells_hidden_together_still_need_three_structures_between_them():
    breakdown = Breakdown("territoire", cells(1, 1, 6, 7))
    apply_secret(15, breakdown)
    assert hidden(breakdown) == [0, 1, 2]


def test_cells_of_three_or_more_are_all_shown():
    breakdown = Breakdown("territoire", cells(3, 4, 5))
    apply_secret(12, breakdown)
    assert hidden(breakdown) == []


def test_a_total_over_fewer_than_three_structures_hides_everything():
    breakdown = Breakdown("territoire", cells(1, 1))
    assert apply_secret(2, breakdown) is True
    assert hidden(breakdown) == [0, 1]


def test_a_type_nested_in_a_territory_cannot_be_subtracted_from_it():
    # Territory A: 4 structures, 3 of them CCI (all the CCI of the network); territory B: 5 CIO.
    territories = Breakdown("territoire", [Cell("A", "A", 4), Cell("B", "B", 5)])
    types = Breakdown("type", [Cell("cci", "CCI", 3), Cell("cio", "CIO", 6)])
    crossed = {("A", "cci"): 3, ("A", "cio"): 1, ("B", "cio"): 5}
    apply_secret(9, territories, types, crossed)
    # Showing A (4) and CCI (3) would give the single CIO of A by subtraction.
    shown_a = "A" not in hidden(territories)
    shown_cci = "cci" not in hidden(types)
    assert not (shown_a and shown_cci)


# The same rule on the page, with real structures and values


@pytest.fixture
def small_territory(network):
    """Pays de Morlaix: the three CCI of the network (111, 222, 333) and one CIO (1234); Pays de Rennes: three CIO
    (50 each). Every breakdown cell covers 3 structures or more, yet Morlaix − CCI, or CIO − Rennes, would give
    the CIO of Morlaix alone: the page must never show both figures of such a pair."""
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    morlaix = TerritoryFactory(name="Pays de Morlaix")
    ccis = [
        StructureFactory(name=name, type=Structure.Type.CCI, territory=morlaix)
        for name in ("CCI de Morlaix", "CCI du Léon", "CCI du Trégor")
    ]
    lonely_cio = StructureFactory(name="CIO de Morlaix", territory=morlaix)
    rennes = [network.structure, *(StructureFactory(territory=network.territory) for _ in range(2))]
    item = campaign([indicator], [*ccis, lonely_cio, *rennes])
    for structure, value in [*zip(ccis, (111, 222, 333), strict=True), (lonely_cio, 1234), *((s, 50) for s in rennes)]:
        report_with(item, structure, {indicator: value})
    return indicator


LEAKY_PAIRS = [("1\u202f900", "666"), ("1\u202f384", "150")]  # (Morlaix, CCI), (CIO, Rennes)


def shows_a_leaky_pair(page):
    cells = re.findall(r'<td class="number">([^<]*)</td>', page)
    return any(big in cells and small in cells for big, small in LEAKY_PAIRS)


def test_member_cannot_derive_a_lonely_structure_from_territory_and_type(client_for, small_territory):
    page = text(client_for("other_adviser").get(small_territory.get_absolute_url()))
    assert not shows_a_leaky_pair(page)
    assert "1\u202f234" not in page
    assert "CIO de Morlaix" not in page and "CCI du Léon" not in page
    assert "secret statistique" in page


@pytest.mark.parametrize(
    "query",
    [
        "?territory=1",
        "?type=cci",
        "?structure=cio-de-morlaix",
        "?period=2026-01-01&territory=1&type=cio",
        "?period=garbage",
    ],
)
def test_filters_in_the_address_give_no_other_figures(client_for, small_territory, query):
    client = client_for("other_adviser")
    plain = text(client.get(small_territory.get_absolute_url()))
    filtered = client.get(small_territory.get_absolute_url() + query)
    assert filtered.status_code == 200
    body = text(filtered)
    assert "1\u202f234" not in body and "CIO de Morlaix" not in body
    strip = lambda page: page.split("<main", 1)[1].split("</main>")[0].replace("Cette période", "")  # noqa: E731
    if "garbage" not in query:
        assert strip(body) == strip(plain)


def test_csv_keeps_the_same_secret(client_for, small_territory):
    csv = client_for("other_adviser").get(small_territory.get_absolute_url() + "export.csv").content.decode("utf-8-sig")
    assert "1234" not in csv and "CIO de Morlaix" not in csv and "CCI du Léon" not in csv
    rows = [line.split(";") for line in csv.splitlines()]
    shown = {(row[2], row[4]) for row in rows if len(row) > 4}
    assert not ({("Pays de Morlaix", "1900"), ("CCI", "666")} <= shown)
    assert not ({("CIO", "1384"), ("Pays de Rennes", "150")} <= shown)
    assert "secret statistique" in csv


def test_regional_coordinator_reads_every_structure_value(client_for, small_territory):
    page = text(client_for("regional_coordinator").get(small_territory.get_absolute_url()))
    assert "CIO de Morlaix" in page and "1\u202f234" in page


# --- completeness by territory -----------------------------------------------------------------------------------


def territory(name, structures, submitted):
    return {
        "territory_id": name,
        "territory__name": name,
        "structures": structures,
        "submitted": submitted,
        "on_time": submitted,
        "validated": 0,
        "returned": 0,
    }


def test_a_coordinator_reads_every_territory():
    rows = [territory("Brest", 1, 0), territory("Rennes", 5, 2)]
    assert completeness_shown(rows, sees_every_territory=True) == rows


def test_territories_of_3_structures_or_more_are_shown_as_they_are():
    rows = [territory("Brest", 3, 0), territory("Rennes", 5, 2)]
    assert completeness_shown(rows, sees_every_territory=False) == rows


def test_small_territories_are_added_up_with_the_smallest_others_until_no_row_can_be_worked_out():
    rows = [territory("Brest", 1, 1), territory("Morlaix", 4, 1), territory("Rennes", 6, 2), territory("Vitré", 1, 0)]
    shown = completeness_shown(rows, sees_every_territory=False)
    assert [(row["territory__name"], row["structures"], row["submitted"]) for row in shown] == [
        ("Rennes", 6, 2),
        ("Autres territoires (Brest, Morlaix, Vitré)", 6, 2),
    ]
    assert not shown[-1]["secret"]
    assert all(row["structures"] >= MIN_STRUCTURES for row in shown)


def test_two_small_territories_already_make_a_readable_row():
    rows = [territory("Brest", 2, 1), territory("Vitré", 1, 0), territory("Rennes", 4, 2)]
    shown = completeness_shown(rows, sees_every_territory=False)
    assert [(row["territory__name"], row["structures"]) for row in shown] == [
        ("Rennes", 4),
        ("Autres territoires (Brest, Vitré)", 3),
    ]


def test_a_campaign_of_fewer_than_3_structures_is_secret_for_members():
    shown = completeness_shown([territory("Brest", 1, 1), territory("Rennes", 1, 0)], sees_every_territory=False)
    assert len(shown) == 1 and shown[0]["secret"] and shown[0]["structures"] == 2
