"""The demo indicators scale with seed_demo --scale: 3 quarterly ones at scale 1, 40 at the bench scale, two
years of campaigns (8 quarters, 24 months) and the current one."""

import datetime

import pytest

from indicators.demo import seed
from indicators.models import Campaign, Indicator, Periodicity, ReportValue
from members.models import Structure
from tests.utils import seed_demo


def test_indicator_count_grows_with_the_scale_up_to_the_bench_data_set():
    assert seed.indicator_count(0.5) == 3
    assert seed.indicator_count(1) == 3
    assert 3 < seed.indicator_count(3) < 40
    assert seed.indicator_count(seed.BENCH_SCALE) == 40
    assert seed.indicator_count(20) == 40


def test_monthly_definitions_are_distinct_and_complete():
    definitions = seed.monthly_definitions(seed.BENCH_INDICATORS - len(seed.ADOPTED))
    assert len(definitions) == 37
    assert len({data["name"] for data in definitions}) == 37
    assert all(data["periodicity"] == Periodicity.MONTHLY for data in definitions)
    for data in definitions:
        assert len(data["name"]) <= 150
        if data["calculation"] == "ratio":
            assert data["numerator_label"] and data["denominator_label"]


def test_two_years_of_months_then_the_current_campaign():
    months = seed._months(datetime.date(2026, 12, 1), seed.MONTHS)
    assert len(months) == 25
    assert months[0][:2] == ("Novembre 2024", datetime.date(2024, 11, 1))
    assert months[-1] == ("Novembre 2026", datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    for (_, _, end), (_, start, _) in zip(months, months[1:], strict=False):
        assert start == end + datetime.timedelta(days=1)
    quarters = seed._quarters(datetime.date(2026, 12, 1), seed.QUARTERS)
    assert [label for label, _, _ in quarters[-2:]] == ["T2 2026", "T3 2026"]


@pytest.mark.django_db
def test_a_larger_scale_adds_monthly_indicators_with_two_years_of_values(settings):
    settings.DEBUG = True
    output = seed_demo(scale=1.2)
    monthly = Indicator.objects.filter(current_version__periodicity=Periodicity.MONTHLY)
    assert Indicator.objects.count() == seed.indicator_count(1.2) == 4
    assert monthly.count() == 1
    campaigns = Campaign.objects.filter(periodicity=Periodicity.MONTHLY)
    assert campaigns.count() == seed.MONTHS + 1
    assert set(campaigns.values_list("indicators", flat=True)) == {monthly.get().pk}
    labelled = Structure.objects.labelled().count()
    closed = campaigns.order_by("-period_start")[1:]
    # Every labelled structure reported in every closed month, one value each.
    assert ReportValue.objects.filter(report__campaign__in=closed).count() == seed.MONTHS * labelled
    assert f"valeurs : {ReportValue.objects.count()}" in output
