"""Journey 6: a referent enters the structure's values, submits them; a coordinator validates or returns them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Campaign, Report, ReportEvent
from tests.utils import text

from .helpers import adopted_indicator, campaign, ratio_definition, report_with


@pytest.fixture
def setup(network):
    count = adopted_indicator(network.adviser, network.regional_coordinator)
    ratio = adopted_indicator(network.adviser, network.regional_coordinator, **ratio_definition())
    share = adopted_indicator(
        network.adviser,
        network.regional_coordinator,
        name="Taux de satisfaction",
        unit="percent",
        aggregation="mean",
    )
    item = campaign(
        [count, ratio, share], [network.structure, network.other_structure], start=datetime.date(2026, 4, 1)
    )
    return type("Setup", (), {"count": count, "ratio": ratio, "share": share, "campaign": item})


def url(setup, network, name="report_save"):
    return reverse(f"indicators:{name}", args=[setup.campaign.pk, network.structure.slug])


def form(setup, *, revision=0, count="12", num="3", den="10", share="80", submit=False, **comments):
    data = {
        "revision": revision,
        f"value_{setup.count.pk}": count,
        f"num_{setup.ratio.pk}": num,
        f"den_{setup.ratio.pk}": den,
        f"value_{setup.share.pk}": share,
    }
    for indicator in (setup.count, setup.ratio, setup.share):
        data[f"comment_{indicator.pk}"] = comments.get(f"comment_{indicator.pk}", "")
    if submit:
        data["submit"] = "1"
    return data


def test_referent_saves_a_draft_then_submits(client_for, network, setup):
    client = client_for("referent")
    assert client.post(url(setup, network), form(setup)).status_code == 302
    report = Report.objects.get()
    assert report.status == Report.Status.DRAFT and report.revision == 1
    values = {value.indicator_id: value for value in report.values.all()}
    assert values[setup.ratio.pk].value == Decimal("30.0000")  # 3 / 10, a percentage
    assert values[setup.count.pk].version == setup.count.current_version
    assert client.post(url(setup, network), form(setup, revision=1, submit=True)).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.submitted_by == network.referent
    kinds = list(report.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds == ["saved", "saved", "submitted"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"count": "-4"}, "Une valeur ne peut pas être négative."),
        ({"count": "12,5"}, "Un nombre se compte en entiers : saisissez une valeur sans décimales."),
        ({"num": "11", "den": "10"}, "Le numérateur ne peut pas dépasser le dénominateur."),
        ({"num": "0", "den": "0"}, "Le dénominateur ne peut pas être nul."),
        ({"share": "120"}, "Un pourcentage est compris entre 0 et 100."),
        ({"count": ""}, "Saisissez une valeur."),
        ({"den": ""}, "Saisissez le numérateur et le dénominateur."),
    ],
)
def test_each_check_says_what_to_correct_and_keeps_the_draft(client_for, network, setup, fields, message):
    response = client_for("referent").post(url(setup, network), form(setup, submit=True, **fields))
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "Le rapport n'est pas déposé" in page and "enregistrées en brouillon" in page
    report = Report.objects.get()
    assert report.status == Report.Status.DRAFT  # saved, not submitted: nothing typed is lost


@pytest.mark.parametrize("bad", ["douze", "1e999999", "9" * 40, "NaN", "12..5"])
def test_text_or_huge_numbers_are_refused_in_french_and_nothing_is_saved(client_for, network, setup, bad):
    response = client_for("referent").post(url(setup, network), form(setup, count=bad))
    assert response.status_code == 400
    page = text(response)
    assert "Certaines valeurs ne sont pas des nombres" in page
    assert any(message in page for message in ("Saisissez un nombre", "trop grand", "Au plus 4 décimales"))
    assert f'value="{bad}"' in page  # what was typed is still there
    assert not Report.objects.exists()


def test_a_value_three_times_the_previous_one_needs_a_comment(client_for, network, setup):
    earlier = campaign(
        [setup.count], [network.structure], start=datetime.date(2026, 1, 1), label="T1 2026", open_now=False
    )
    report_with(earlier, network.structure, {setup.count: 10})
    client = client_for("referent")
    response = client.post(url(setup, network), form(setup, count="31", submit=True))
    assert response.status_code == 400
    assert "Cette valeur fait plus du triple de la précédente (10, T1 2026)" in text(response)
    report = Report.objects.get(campaign=setup.campaign)
    comment = {f"comment_{setup.count.pk}": "Un forum de l'orientation ce trimestre."}
    response = client.post(
        url(setup, network), form(setup, revision=report.revision, count="31", submit=True, **comment)
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_a_value_under_a_third_of_the_previous_one_needs_a_comment(client_for, network, setup):
    earlier = campaign([setup.count], [network.structure], start=datetime.date(2026, 1, 1), open_now=False)
    report_with(earlier, network.structure, {setup.count: 30})
    response = client_for("referent").post(url(setup, network), form(setup, count="9", submit=True))
    assert "Cette valeur fait moins du tiers de la précédente" in text(response)


def test_two_referents_editing_the_same_report_are_told_and_nothing_is_lost(client_for, network, setup):
    first, second = client_for("referent"), client_for("referent")
    # Both opened the form at revision 0; the first saves.
    assert first.post(url(setup, network), form(setup, count="12")).status_code == 302
    response = second.post(url(setup, network), form(setup, count="15"))
    assert response.status_code == 409
    page = text(response)
    assert "a enregistré ce rapport entre-temps" in page
    assert 'value="15"' in page  # the second person's value is still in the form
    assert "Enregistré entre-temps : 12" in page  # beside what the first one saved
    assert Report.objects.get().values.get(indicator=setup.count).value == 12
    # The second person's next save starts from the new revision and goes through.
    assert second.post(url(setup, network), form(setup, revision=1, count="15")).status_code == 302


def test_an_adviser_reads_but_does_not_enter_the_report(client_for, network, setup):
    client = client_for("adviser")
    page = client.get(url(setup, network, "report_detail"))
    assert page.status_code == 200 and "Déposer le rapport" not in text(page)
    assert client.post(url(setup, network), form(setup)).status_code == 403


def test_another_structure_cannot_see_the_report(client_for, network, setup):
    assert client_for("other_referent").get(url(setup, network, "report_detail")).status_code == 404
    assert client_for("other_referent").post(url(setup, network), form(setup)).status_code == 404


def _submitted(client_for, network, setup):
    client_for("referent").post(url(setup, network), form(setup))
    client_for("referent").post(url(setup, network), form(setup, revision=1, submit=True))
    return Report.objects.get()


def test_coordinator_in_scope_validates(client_for, network, setup):
    report = _submitted(client_for, network, setup)
    response = client_for("territorial_coordinator").post(
        url(setup, network, "report_decide"), {"decision": "validate"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.VALIDATED and report.validated_by == network.territorial_coordinator


def test_coordinator_out_of_scope_cannot_see_or_validate(client_for, network, setup):
    _submitted(client_for, network, setup)
    other = reverse("indicators:report_decide", args=[setup.campaign.pk, network.other_structure.slug])
    assert client_for("territorial_coordinator").post(other, {"decision": "validate"}).status_code == 404


def test_return_needs_a_reason_and_the_referent_reads_it_and_corrects(client_for, network, setup):
    report = _submitted(client_for, network, setup)
    coordinator = client_for("territorial_coordinator")
    response = coordinator.post(url(setup, network, "report_decide"), {"decision": "return", "reason": ""}, follow=True)
    assert "Écrivez le motif du renvoi" in text(response)
    coordinator.post(
        url(setup, network, "report_decide"), {"decision": "return", "reason": "Le dénominateur est faux."}
    )
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    page = text(client_for("referent").get(url(setup, network, "report_detail")))
    assert "Le dénominateur est faux." in page and "Déposer le rapport" in page


def test_after_the_deadline_the_campaign_is_locked_until_reopened_for_one_structure(client_for, network, setup):
    today = datetime.date.today()
    Campaign.objects.filter(pk=setup.campaign.pk).update(
        opens_on=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(days=2)
    )
    referent = client_for("referent")
    response = referent.post(url(setup, network), form(setup))
    assert response.status_code == 400
    assert "La campagne est close depuis le" in text(response)
    assert not Report.objects.exists()
    page = text(referent.get(url(setup, network, "report_detail")))
    assert "La saisie est close" in page
    coordinator = client_for("territorial_coordinator")
    response = coordinator.post(
        url(setup, network, "report_reopen"), {"until": "2099-01-01", "reason": ""}, follow=True
    )
    assert "Indiquez une nouvelle date limite et le motif" in text(response)
    coordinator.post(url(setup, network, "report_reopen"), {"until": "2099-01-01", "reason": "Panne du logiciel."})
    assert referent.post(url(setup, network), form(setup)).status_code == 302
    # The other structure stays locked.
    other = reverse("indicators:report_detail", args=[setup.campaign.pk, network.other_structure.slug])
    assert "La saisie est close" in text(client_for("other_referent").get(other))


def test_reopening_returns_a_submitted_report_with_the_reason_in_its_history(client_for, network, setup):
    report = _submitted(client_for, network, setup)
    Campaign.objects.filter(pk=setup.campaign.pk).update(deadline=datetime.date.today() - datetime.timedelta(days=1))
    client_for("regional_coordinator").post(
        url(setup, network, "report_reopen"), {"until": "2099-01-01", "reason": "Chiffres à corriger."}
    )
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    assert ReportEvent.objects.filter(report=report, kind="reopened", note__contains="Chiffres à corriger.").exists()


def test_unknown_campaign_or_structure_is_404(client_for, network, setup):
    client = client_for("referent")
    assert client.get(f"/indicateurs/campagnes/999999/structures/{network.structure.slug}/").status_code == 404
    assert client.get(f"/indicateurs/campagnes/{setup.campaign.pk}/structures/inconnue/").status_code == 404


def test_incomplete_form_is_a_french_error(client_for, network, setup):
    data = form(setup)
    del data["revision"]
    response = client_for("referent").post(url(setup, network), data)
    assert response.status_code == 400
    assert "Le formulaire est incomplet" in text(response)
