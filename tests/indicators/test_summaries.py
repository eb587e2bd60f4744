"""The network's figures per period (PeriodFigures) follow the validated reports: a validation adds its report,
a reopening takes it out, and a full refresh gives the same rows as the refreshes made one report at a time."""

import datetime
from decimal import Decimal

import pytest

from indicators.models import PeriodFigures, Report
from indicators.services import campaigns as campaign_services
from indicators.services import reports as report_services
from indicators.services import summaries
from tests.factories import StructureFactory

from .helpers import adopted_indicator, campaign, ratio_definition, report_with

START = datetime.date(2025, 1, 1)


@pytest.fixture
def indicator(network):
    return adopted_indicator(network.adviser, network.regional_coordinator)


def figures(indicator, start=START):
    row = PeriodFigures.objects.get(indicator=indicator, period_start=start)
    return row.structures, row.total, row.values, row.median


def test_validating_a_report_adds_it_to_the_figures_of_its_period(network, indicator):
    structures = [StructureFactory() for _ in range(3)]
    item = campaign([indicator], structures, start=START, open_now=False)
    for structure, value in zip(structures[:2], (10, 30), strict=True):
        report_with(item, structure, {indicator: value})
    submitted = report_with(item, structures[2], {indicator: 50}, status=Report.Status.SUBMITTED)
    assert figures(indicator) == (2, Decimal(40), 2, Decimal(20))

    report_services.report_validate(report=submitted, by=network.regional_coordinator)

    assert figures(indicator) == (3, Decimal(90), 3, Decimal(30))


def test_reopening_a_validated_report_takes_it_out_of_the_figures(network, indicator):
    structures = [StructureFactory() for _ in range(4)]
    item = campaign([indicator], structures, start=START, open_now=False)
    for structure, value in zip(structures, (10, 20, 30, 40), strict=True):
        report_with(item, structure, {indicator: value})
    assert figures(indicator) == (4, Decimal(100), 4, Decimal(25))

    campaign_services.campaign_reopen_for_structure(
        campaign=item,
        structure=structures[3],
        until=datetime.date.today(),
        reason="Chiffre à corriger",
        by=network.regional_coordinator,
    )

    assert figures(indicator) == (3, Decimal(60), 3, Decimal(20))


def test_a_period_without_validated_values_left_has_no_row(network, indicator):
    structure = StructureFactory()
    item = campaign([indicator], [structure], start=START, open_now=False)
    report_with(item, structure, {indicator: 5})
    campaign_services.campaign_reopen_for_structure(
        campaign=item,
        structure=structure,
        until=datetime.date.today(),
        reason="Erreur",
        by=network.regional_coordinator,
    )
    assert not PeriodFigures.objects.filter(indicator=indicator).exists()


def test_a_full_refresh_gives_the_rows_kept_report_by_report(network, indicator):
    ratio = adopted_indicator(network.adviser, network.regional_coordinator, **ratio_definition())
    structures = [StructureFactory() for _ in range(5)]
    for quarter, start in enumerate([START, datetime.date(2025, 4, 1)]):
        item = campaign([indicator, ratio], structures, start=start, open_now=False)
        for index, structure in enumerate(structures):
            report_with(item, structure, {indicator: 10 * index + quarter, ratio: (index, 10)})
    kept = sorted(PeriodFigures.objects.values_list("indicator", "period_start", "structures", "total", "numerator",
                                                    "denominator", "values", "median"))  # fmt: skip
    assert len(kept) == 4

    assert summaries.refresh_all() == 4

    assert sorted(PeriodFigures.objects.values_list("indicator", "period_start", "structures", "total", "numerator",
                                                    "denominator", "values", "median")) == kept  # fmt: skip
    assert figures(indicator)[3] == Decimal(20)  # the median of 0, 10, 20, 30, 40
