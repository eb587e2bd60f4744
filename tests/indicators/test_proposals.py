"""Journey 5: a member proposes, members discuss and take positions, a regional coordinator adopts."""

import datetime

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorProposal, Position, ProposalRevision
from indicators.services import ServiceError
from indicators.services import proposals as services
from tests.utils import text

from .helpers import close_discussion, definition, draft, in_discussion, people_of_new_structures


def test_adviser_proposes_a_draft_with_its_first_revision(client_for, network):
    data = definition() | {"mission": ""}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    response = client_for("adviser").post(reverse("indicators:proposal_create"), data)
    proposal = IndicatorProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.status == IndicatorProposal.Status.DRAFT
    assert proposal.author == network.adviser and proposal.author_structure == network.structure
    assert proposal.revisions.count() == 1


def test_a_ratio_needs_its_numerator_and_denominator(network):
    with pytest.raises(ServiceError, match="numérateur et un dénominateur"):
        services.proposal_create(
            author=network.adviser, structure=network.structure, data=definition(calculation="ratio")
        )


def test_ratio_of_sums_only_for_a_ratio(network):
    with pytest.raises(ServiceError, match="Le rapport des sommes ne s'applique"):
        services.proposal_create(
            author=network.adviser, structure=network.structure, data=definition(aggregation="ratio_of_sums")
        )


def test_a_draft_is_seen_by_its_author_and_coordinators_only(client_for, network):
    proposal = draft(network.adviser, network.structure)
    url = proposal.get_absolute_url()
    assert client_for("adviser").get(url).status_code == 200
    assert client_for("territorial_coordinator").get(url).status_code == 200
    assert client_for("other_adviser").get(url).status_code == 404
    assert "Personnes accueillies" not in text(client_for("other_adviser").get(reverse("indicators:proposal_list")))


def test_every_revision_is_kept_and_the_difference_is_shown(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator, network.structure)
    data = definition(definition="Nombre de personnes différentes reçues en entretien sur la période.")
    data = {key: ("" if value is None else value) for key, value in data.items()} | {"note": "Précision"}
    response = client_for("adviser").post(reverse("indicators:proposal_edit", args=[proposal.pk]), data)
    assert response.status_code == 302
    assert list(ProposalRevision.objects.filter(proposal=proposal).values_list("number", flat=True)) == [1, 2]
    page = text(client_for("other_adviser").get(proposal.get_absolute_url()))
    assert "<del>accueillies</del>" in page and "<ins>reçues en entretien</ins>" in page
    assert "Révision 2" in page and "Précision" in page


def test_only_the_author_revises(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator, network.structure)
    assert client_for("other_adviser").get(reverse("indicators:proposal_edit", args=[proposal.pk])).status_code == 403


def test_comment_markdown_is_rendered_once_and_sanitised(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator)
    client_for("other_adviser").post(
        reverse("indicators:proposal_comment", args=[proposal.pk]),
        {"body": "**Oui**, mais <script>alert(1)</script>"},
    )
    comment = proposal.comments.get()
    assert "<strong>Oui</strong>" in comment.body_html and "<script" not in comment.body_html


def test_an_objection_needs_a_reason(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator)
    response = client_for("other_adviser").post(
        reverse("indicators:proposal_position", args=[proposal.pk]), {"kind": "objection", "reason": " "}
    )
    assert response.status_code == 400
    assert "Une objection s'accompagne toujours d'un motif" in text(response)
    assert not Position.objects.exists()


def test_a_new_position_replaces_the_current_one_and_history_is_kept(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator)
    client = client_for("other_adviser")
    url = reverse("indicators:proposal_position", args=[proposal.pk])
    client.post(url, {"kind": "support"})
    client.post(url, {"kind": "reservation", "reason": "La source manque."})
    assert list(Position.objects.current().values_list("kind", flat=True)) == ["reservation"]
    assert Position.objects.filter(is_current=False, kind="support").count() == 1


def test_coordinators_comment_but_take_no_position(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator)
    url = reverse("indicators:proposal_position", args=[proposal.pk])
    assert client_for("regional_coordinator").post(url, {"kind": "support"}).status_code == 403


def _discussion_with(network, *, structures=3, objection=False, answered=False, closed=True):
    proposal = in_discussion(network.adviser, network.regional_coordinator)
    people = people_of_new_structures(structures)
    for index, (user, structure) in enumerate(people):
        kind = "objection" if objection and index == 0 else "support"
        position = services.position_take(
            proposal=proposal, user=user, structure=structure, kind=kind, reason="Non" if kind == "objection" else ""
        )
        if kind == "objection" and answered:
            services.objection_answer(position=position, author=network.adviser, body="Réponse.")
    return close_discussion(proposal) if closed else proposal


def test_adoption_creates_the_indicator_and_its_version_one(client_for, network):
    proposal = _discussion_with(network, objection=True, answered=True)
    response = client_for("regional_coordinator").post(
        reverse("indicators:proposal_decide", args=[proposal.pk]), {"decision": "adopt"}
    )
    indicator = Indicator.objects.get()
    assert response["Location"] == indicator.get_absolute_url()
    assert indicator.current_version.number == 1 and indicator.current_version.name == proposal.name
    proposal.refresh_from_db()
    assert proposal.status == IndicatorProposal.Status.ADOPTED


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"closed": False}, "La discussion n'est pas terminée"),
        ({"structures": 2}, "Il faut des positions d'au moins 3 structures différentes : 2 se sont prononcées."),
        ({"objection": True}, "1 objection attend encore une réponse écrite"),
    ],
)
def test_adoption_rules_each_say_what_is_missing(client_for, network, setup, message):
    proposal = _discussion_with(network, **setup)
    response = client_for("regional_coordinator").post(
        reverse("indicators:proposal_decide", args=[proposal.pk]), {"decision": "adopt"}, follow=True
    )
    assert message in text(response)
    assert not Indicator.objects.exists()


def test_the_minimum_of_structures_is_a_setting(network, settings):
    settings.INDICATOR_ADOPTION_MIN_STRUCTURES = 2
    proposal = _discussion_with(network, structures=2)
    assert services.proposal_adopt(proposal=proposal, by=network.regional_coordinator)


def test_two_people_of_one_structure_count_as_one_structure(network):
    proposal = in_discussion(network.adviser, network.regional_coordinator)
    for user in (network.adviser, network.referent):
        services.position_take(proposal=proposal, user=user, structure=network.structure, kind="support")
    services.position_take(
        proposal=proposal, user=network.other_adviser, structure=network.other_structure, kind="support"
    )
    problems = services.adoption_problems(close_discussion(proposal))
    assert "2 se sont prononcées" in " ".join(problems)


def test_territorial_coordinator_opens_discussion_but_does_not_adopt(client_for, network):
    proposal = draft(network.adviser, network.structure)
    client = client_for("territorial_coordinator")
    response = client.post(
        reverse("indicators:proposal_open_discussion", args=[proposal.pk]), {"ends_on": "2099-01-31"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_in_discussion
    decide = reverse("indicators:proposal_decide", args=[proposal.pk])
    assert client.post(decide, {"decision": "adopt"}).status_code == 403


def test_discussion_must_end_after_today(client_for, network):
    proposal = draft(network.adviser, network.structure)
    response = client_for("regional_coordinator").post(
        reverse("indicators:proposal_open_discussion", args=[proposal.pk]), {"ends_on": "2000-01-01"}, follow=True
    )
    assert "La fin de la discussion doit être postérieure à aujourd'hui." in text(response)


def test_rejection_needs_a_reason_and_shows_it(client_for, network):
    proposal = _discussion_with(network)
    client = client_for("regional_coordinator")
    url = reverse("indicators:proposal_decide", args=[proposal.pk])
    assert client.post(url, {"decision": "reject", "reason": ""}).status_code == 400
    client.post(url, {"decision": "reject", "reason": "Doublon d'un indicateur existant."})
    proposal.refresh_from_db()
    assert proposal.status == IndicatorProposal.Status.REJECTED
    assert "Doublon d'un indicateur existant." in text(client_for("other_adviser").get(proposal.get_absolute_url()))


def test_author_withdraws(client_for, network):
    proposal = draft(network.adviser, network.structure)
    client_for("adviser").post(reverse("indicators:proposal_withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == IndicatorProposal.Status.WITHDRAWN
    assert list(proposal.events.values_list("to_status", flat=True)) == ["draft", "withdrawn"]


def test_adopted_indicator_page_links_its_discussion(client_for, network):
    proposal = _discussion_with(network)
    indicator = services.proposal_adopt(proposal=proposal, by=network.regional_coordinator)
    page = text(client_for("other_adviser").get(indicator.get_absolute_url()))
    assert "Pourquoi cet indicateur, et comment il a été décidé" in page
    assert proposal.get_absolute_url() in page


@pytest.mark.parametrize("bad", ["999999", "0"])
def test_unknown_proposal_is_404(client_for, network, bad):
    assert client_for("adviser").get(f"/indicateurs/propositions/{bad}/").status_code == 404


def test_get_on_an_action_is_refused(client_for, network):
    proposal = in_discussion(network.adviser, network.territorial_coordinator)
    assert client_for("adviser").get(reverse("indicators:proposal_comment", args=[proposal.pk])).status_code == 405


def test_an_adopted_amendment_creates_version_two_and_old_values_keep_version_one(client_for, network):
    from indicators.models import ReportValue

    from .helpers import adopted_indicator, campaign, report_with

    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    old = report_with(campaign([indicator], [network.structure]), network.structure, {indicator: 5})
    form = client_for("other_adviser").get(reverse("indicators:proposal_create") + f"?amende={indicator.slug}")
    assert "Amender « Personnes accueillies »" in text(form)
    assert "Nombre de personnes différentes accueillies" in text(form)  # starts from the version in force
    data = definition(definition="Nombre de personnes différentes accueillies, hors simple information.")
    data = {key: ("" if value is None else value) for key, value in data.items()}
    client_for("other_adviser").post(reverse("indicators:proposal_create") + f"?amende={indicator.slug}", data)
    amendment = IndicatorProposal.objects.get(amends=indicator)
    services.proposal_open_discussion(
        proposal=amendment, ends_on=datetime.date.today() + datetime.timedelta(days=3), by=network.regional_coordinator
    )
    for user, structure in people_of_new_structures(3):
        services.position_take(proposal=amendment, user=user, structure=structure, kind="support")
    close_discussion(amendment)
    response = client_for("regional_coordinator").post(
        reverse("indicators:proposal_decide", args=[amendment.pk]), {"decision": "adopt"}, follow=True
    )
    assert "sa définition en vigueur est la version 2" in text(response)
    indicator.refresh_from_db()
    assert Indicator.objects.count() == 1
    assert indicator.current_version.number == 2 and "hors simple information" in indicator.current_version.definition
    assert ReportValue.objects.get(report=old).version.number == 1
    page = text(client_for("adviser").get(indicator.get_absolute_url()))
    assert "version 2, adoptée le" in page and amendment.get_absolute_url() in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [("?status=discussion", {"En discussion"}), ("?status=draft", {"Brouillon"}), ("?status=nimporte", None)],
)
def test_proposals_list_filters_by_status_and_ignores_garbage(client_for, network, query, shown):
    draft(network.adviser, network.structure, name="Brouillon")
    in_discussion(network.adviser, network.regional_coordinator, name="En discussion")
    response = client_for("adviser").get(reverse("indicators:proposal_list") + query)
    assert response.status_code == 200
    page = text(response)
    names = {name for name in ("Brouillon", "En discussion") if f">{name}</a>" in page}
    if shown is None:
        assert names == {"Brouillon", "En discussion"} and "Certains critères n'ont pas été compris" in page
    else:
        assert names == shown
