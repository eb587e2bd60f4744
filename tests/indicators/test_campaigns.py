"""Opening a campaign (coordinators, for the structures of their scope) and the validation list."""

import datetime

from django.urls import reverse

from indicators.models import Campaign, Report
from tests.utils import text

from .helpers import adopted_indicator, campaign, report_with


def campaign_form(indicator, territory, **overrides):
    today = datetime.date.today()
    return {
        "label": "T1 2027",
        "periodicity": "quarterly",
        "period_start": "2027-01-01",
        "period_end": "2027-03-31",
        "indicators": [indicator.pk],
        "territories": [territory.pk],
        "opens_on": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=30)).isoformat(),
        **overrides,
    }


def test_a_territorial_coordinator_opens_a_campaign_for_the_labelled_structures_of_their_territory(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    response = client_for("territorial_coordinator").post(
        reverse("indicators:campaign_create"), campaign_form(indicator, network.territory)
    )
    item = Campaign.objects.get(label="T1 2027")
    assert response["Location"] == item.get_absolute_url()
    assert list(item.structures.all()) == [network.structure]
    assert list(item.indicators.all()) == [indicator]


def test_a_territory_outside_the_scope_is_refused(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    response = client_for("territorial_coordinator").post(
        reverse("indicators:campaign_create"), campaign_form(indicator, network.other_territory)
    )
    assert response.status_code == 200 and not Campaign.objects.filter(label="T1 2027").exists()
    assert "Sélectionnez un choix valide" in text(response)


def test_dates_are_checked_in_french(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    client = client_for("regional_coordinator")
    url = reverse("indicators:campaign_create")
    cases = [
        ({"period_end": "2026-12-01"}, "La fin de la période précède son début."),
        ({"deadline": "2000-01-01", "opens_on": "1999-12-01"}, "La date limite est déjà passée"),
        ({"opens_on": "2099-02-01", "deadline": "2099-01-01"}, "La date limite précède l'ouverture de la campagne."),
        ({"deadline": "pas une date"}, "Saisissez une date valide."),
    ]
    for overrides, message in cases:
        response = client.post(url, campaign_form(indicator, network.territory, **overrides))
        assert message in text(response), message
    assert not Campaign.objects.filter(label="T1 2027").exists()


def test_the_validation_list_shows_submitted_reports_of_the_scope_only(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure, network.other_structure])
    report_with(item, network.structure, {indicator: 1}, status=Report.Status.SUBMITTED)
    report_with(item, network.other_structure, {indicator: 1}, status=Report.Status.SUBMITTED)
    page = text(client_for("territorial_coordinator").get(reverse("indicators:reports_to_validate")))
    assert network.structure.name in page and network.other_structure.name not in page
    page = text(client_for("regional_coordinator").get(reverse("indicators:reports_to_validate")))
    assert network.structure.name in page and network.other_structure.name in page


def test_coordinators_see_each_structure_state_on_the_campaign_page(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure, network.other_structure])
    report_with(item, network.structure, {indicator: 1}, status=Report.Status.SUBMITTED)
    page = text(client_for("territorial_coordinator").get(item.get_absolute_url()))
    assert network.structure.name in page and "Déposé" in page
    assert network.other_structure.name not in page
