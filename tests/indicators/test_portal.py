"""What indicators adds to the home page's « À traiter » and to the coordination menu; the demo data."""

import pytest
from django.urls import reverse

from indicators.models import Campaign, Indicator, IndicatorProposal, Report
from indicators.services import proposals as proposal_services
from members.models import User
from tests.utils import text

from .helpers import adopted_indicator, campaign, in_discussion, report_with


def test_referent_is_asked_to_submit_before_the_deadline(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure])
    page = text(client_for("referent").get("/"))
    assert f"{item} : le rapport de votre structure est à déposer avant le" in page
    assert reverse("indicators:report_detail", args=[item.pk, network.structure.slug]) in page
    assert "le rapport de votre structure" not in text(client_for("adviser").get("/"))


def test_a_submitted_report_is_no_longer_a_to_do(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure])
    report_with(item, network.structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    assert "le rapport de votre structure" not in text(client_for("referent").get("/"))


def test_member_is_asked_for_a_position_until_they_take_one(client_for, network):
    proposal = in_discussion(network.adviser, network.regional_coordinator, name="Délai d'attente")
    assert "« Délai d'attente » attend votre position" in text(client_for("other_adviser").get("/"))
    proposal_services.position_take(
        proposal=proposal, user=network.other_adviser, structure=network.other_structure, kind="support"
    )
    assert "« Délai d'attente » attend votre position" not in text(client_for("other_adviser").get("/"))


def test_coordinator_sees_reports_to_validate_in_scope_only(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure, network.other_structure])
    report_with(item, network.other_structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    assert "1 rapport d'indicateurs déposé attend votre validation." in text(
        client_for("regional_coordinator").get("/")
    )
    assert "attend votre validation" not in text(client_for("territorial_coordinator").get("/"))


def test_coordination_menu_has_campaigns_and_reports_to_validate(client_for, network):
    page = text(client_for("territorial_coordinator").get(reverse("indicators:reports_to_validate")))
    assert "Campagnes d'indicateurs" in page and "Rapports à valider" in page


def test_home_costs_the_same_queries_with_more_campaigns_and_proposals(client_for, network, assert_same_query_count):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    campaign([indicator], [network.structure])

    def add_rows():
        for index in range(5):
            campaign([indicator], [network.structure], label=f"Campagne {index}")
            in_discussion(network.adviser, network.regional_coordinator, name=f"Proposition {index}")

    assert_same_query_count(client_for("referent"), "/", add_rows, warm=True)


@pytest.mark.django_db
def test_demo_has_adopted_indicators_a_discussion_and_two_years_of_campaigns(seeded, client):
    assert Indicator.objects.count() == 3
    assert IndicatorProposal.objects.filter(status=IndicatorProposal.Status.DISCUSSION).count() == 1
    assert Campaign.objects.count() == 9
    assert Report.objects.filter(status=Report.Status.RETURNED).exists()
    late = [
        r
        for r in Report.objects.select_related("campaign")
        if r.submitted_at and r.submitted_at.date() > r.campaign.deadline
    ]
    assert late
    client.force_login(User.objects.get(email="referent@demo.spro.fr"))
    assert "le rapport de votre structure est à déposer" in text(client.get("/"))
    indicator = Indicator.objects.order_by("pk").first()
    page = text(client.get(indicator.get_absolute_url()))
    assert page.count('class="chart__dot"') >= 8 and "Ma structure" in page


def test_a_returned_report_is_a_to_do_with_its_reason(client_for, network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure])
    report = report_with(item, network.structure, {indicator: 3}, status=Report.Status.RETURNED)
    Report.objects.filter(pk=report.pk).update(return_reason="Valeur à vérifier")
    page = text(client_for("referent").get("/"))
    assert f"{item} : la coordination a renvoyé le rapport de votre structure (Valeur à vérifier)." in page
    assert "le rapport de votre structure est à déposer" not in page  # said once
