"""A coordinator reviews a structure's submitted commitments: per item and overall, with reasons and history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.models import Commitment, CommitmentItemReview, CommitmentReview, CommitmentSet, Evidence, Membership
from members.services import ServiceError
from members.services import commitments as commitment_services
from members.services import reviews as services
from tests.factories import (
    PDF_BYTES,
    CommitmentSetFactory,
    FileEvidenceFactory,
    MembershipFactory,
    ReviewCycleFactory,
    StructureFactory,
    open_cycle,
    published_charter,
    submit,
    submitted_set,
)
from tests.utils import text


@pytest.fixture
def rennes_set(network):
    cycle = ReviewCycleFactory(year=2026, due_on=timezone.localdate() + timedelta(days=30))
    return submitted_set(
        network.structure,
        cycle=cycle,
        version=published_charter(3, code="E"),
        by=network.referent,
        days_ago=3,
        texts={"E1": "Nous accueillons sans rendez-vous le mercredi.", "E2": "Ateliers collectifs mensuels."},
        evidence={
            "E1": [
                {"label": "Affiche de l'accueil", "url": "https://cio-rennes.fr/accueil", "file_name": ""},
                {"label": "Bilan 2025", "url": "", "file_name": "bilan-2025.pdf"},
            ]
        },
    )


def items(commitment_set):
    return {item.code: item for item in commitment_set.charter_version.items.all()}


def review_data(commitment_set, decision="approved", comment="", **per_item):
    """POST data approving every item except those given as `E2=("changes_requested", "reason")`."""
    submission = commitment_set.submissions.order_by("-number").first()
    data = {"submission": submission.pk, "decision": decision, "comment": comment}
    for code, item in items(commitment_set).items():
        item_decision, reason = per_item.get(code, ("approved", ""))
        data[f"item-{item.pk}-decision"] = item_decision
        data[f"item-{item.pk}-reason"] = reason
    return data


def url(commitment_set):
    return f"/coordination/revues/{commitment_set.pk}/"


# Reading


def test_coordinator_reads_the_submitted_texts_and_evidence(client_for, rennes_set):
    response = client_for("territorial_coordinator").get(url(rennes_set))
    assert response.status_code == 200
    html = text(response)
    assert "Engagements de CIO de Rennes" in html
    assert "Nous accueillons sans rendez-vous le mercredi." in html
    assert (
        '<a href="https://cio-rennes.fr/accueil" rel="noopener noreferrer nofollow">Affiche de l\'accueil</a>' in html
    )
    assert "Bilan 2025" in html and "bilan-2025.pdf" in html
    assert html.count("Pas d'engagement au cycle précédent.") == 3
    assert "Enregistrer et prévenir la structure" in html


def test_submitted_files_link_to_the_checked_download_while_the_structure_keeps_them(client_for, network, media_root):
    published_charter(items=2)
    commitment_set = commitment_services.commitment_set_start(structure=network.structure, cycle=open_cycle())
    commitment_set.commitments.update(text="Nous accueillons sans rendez-vous.")
    first = commitment_set.commitments.order_by("item__position")[0]
    kept = FileEvidenceFactory(commitment=first, label="Bilan d'activité 2025")
    withdrawn = FileEvidenceFactory(commitment=first, label="Planning des ateliers")
    commitment_services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)
    Evidence.objects.filter(pk=withdrawn.pk).update(removed_at=timezone.now())  # withdrawn after the submission

    client = client_for("territorial_coordinator")
    html = text(client.get(url(commitment_set)))
    download = reverse("members:evidence_download", args=[kept.pk])
    assert f'<a href="{download}">Bilan d\'activité 2025</a>' in html
    assert reverse("members:evidence_download", args=[withdrawn.pk]) not in html
    assert "Planning des ateliers" in html and "retiré depuis par la structure" in html
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_files_of_older_snapshots_without_an_evidence_id_are_named_without_a_link(client_for, rennes_set):
    html = text(client_for("territorial_coordinator").get(url(rennes_set)))
    assert "Bilan 2025" in html and "bilan-2025.pdf" in html
    assert ">Bilan 2025</a>" not in html and "/charte/preuves/" not in html
    assert "retiré depuis" not in html


def test_previous_cycle_text_is_shown_beside_the_current_one(client_for, network, rennes_set):
    submitted_set(
        network.structure,
        cycle=ReviewCycleFactory(year=2025),
        version=rennes_set.charter_version,
        texts={"E1": "L'an dernier : accueil sur rendez-vous uniquement."},
    )
    html = text(client_for("territorial_coordinator").get(url(rennes_set)))
    assert "L'an dernier : accueil sur rendez-vous uniquement." in html
    assert "Cycle 2025" in html
    assert "Pas d'engagement au cycle précédent." not in html


def test_page_says_when_the_structure_has_not_submitted_yet(client_for, network, rennes_set):
    draft = CommitmentSetFactory(
        structure=StructureFactory(territory=network.territory, name="CIO de Vitré"),
        cycle=rennes_set.cycle,
        charter_version=rennes_set.charter_version,
    )
    response = client_for("territorial_coordinator").get(url(draft))
    assert response.status_code == 200
    assert "n'a encore rien déposé" in text(response)
    assert "Enregistrer et prévenir" not in text(response)


def test_unknown_set_is_a_french_404(client_for, network):
    response = client_for("regional_coordinator").get("/coordination/revues/999999/")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_review_page_query_count_is_the_same_for_1_and_50_items(client_for, network, django_assert_num_queries):
    cycle = ReviewCycleFactory(year=2026)
    client = client_for("territorial_coordinator")
    small = submitted_set(network.structure, cycle=cycle, version=published_charter(1, code="E"))
    submit(small)  # a second round, so the history is not empty
    with CaptureQueriesContext(connection) as one:
        client.get(url(small))
    big = submitted_set(
        StructureFactory(territory=network.territory), cycle=cycle, version=published_charter(50, code="E")
    )
    submit(big)
    with django_assert_num_queries(len(one)):
        response = client.get(url(big))
    assert len(response.context["items"]) == 50


# Deciding


def test_coordinator_approves_everything_and_the_referents_are_told(
    client_for, network, rennes_set, django_capture_on_commit_callbacks
):
    MembershipFactory(structure=network.structure, role=Membership.Role.REFERENT, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("territorial_coordinator").post(
            url(rennes_set), review_data(rennes_set, comment="Bravo pour l'accueil sans rendez-vous."), follow=True
        )
    assert "est enregistré" in text(response)
    rennes_set.refresh_from_db()
    assert rennes_set.status == CommitmentSet.Status.APPROVED
    review = CommitmentReview.objects.get()
    assert review.reviewer == network.territorial_coordinator
    assert review.decision == "approved" and review.submission.number == 1
    assert CommitmentItemReview.objects.filter(review=review, decision="approved").count() == 3
    assert set(Commitment.objects.values_list("review_status", flat=True)) == {"approved"}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [network.referent.email]
    assert "validés" in message.subject
    assert "Bravo pour l'accueil sans rendez-vous." in message.body
    assert "/charte/engagements/" in message.body
    assert "&#x27;" not in message.body


def test_coordinator_asks_for_changes_on_one_item_with_a_reason(
    client_for, network, rennes_set, django_capture_on_commit_callbacks
):
    reason = "Précisez les horaires d'accueil sans rendez-vous."
    with django_capture_on_commit_callbacks(execute=True):
        client_for("territorial_coordinator").post(
            url(rennes_set), review_data(rennes_set, "changes_requested", E1=("changes_requested", reason))
        )
    rennes_set.refresh_from_db()
    assert rennes_set.status == CommitmentSet.Status.CHANGES_REQUESTED
    statuses = dict(Commitment.objects.values_list("item__code", "review_status"))
    assert statuses == {"E1": "changes_requested", "E2": "approved", "E3": "approved"}
    assert CommitmentItemReview.objects.get(decision="changes_requested").reason == reason
    (message,) = mail.outbox
    assert message.to == [network.referent.email]
    assert "modifications demandées" in message.subject
    assert "E1 — Engagement numéro 1" in message.body and reason in message.body
    assert reason in message.alternatives[0][0].replace("&#x27;", "'")


def test_other_structures_referents_get_no_email(client_for, network, rennes_set, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("regional_coordinator").post(url(rennes_set), review_data(rennes_set))
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == [network.referent.email]


def test_no_email_is_sent_when_the_review_is_refused(
    client_for, network, rennes_set, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("territorial_coordinator").post(
            url(rennes_set), review_data(rennes_set, "changes_requested", E2=("changes_requested", ""))
        )
    assert mail.outbox == []


def test_missing_reason_gives_a_french_error_saves_nothing_and_keeps_the_input(client_for, rennes_set):
    data = review_data(
        rennes_set,
        "changes_requested",
        comment="Merci de compléter deux points.",
        E1=("changes_requested", "Ajoutez le bilan de l'accueil."),
        E2=("changes_requested", "   "),
    )
    response = client_for("territorial_coordinator").post(url(rennes_set), data)
    assert response.status_code == 200
    html = text(response)
    assert "Indiquez ce que la structure doit reprendre pour cet engagement." in html
    assert html.count("Indiquez ce que la structure doit reprendre") == 2  # in the summary at the top, and beside it
    e2 = items(rennes_set)["E2"]
    assert f'<a href="#id_item-{e2.pk}-reason">E2 — {e2.title}, motif : ' in html
    assert "Merci de compléter deux points." in html
    assert "Ajoutez le bilan de l'accueil." in html
    assert "Votre avis n'a pas été enregistré" in html
    assert not CommitmentReview.objects.exists()
    rennes_set.refresh_from_db()
    assert rennes_set.status == CommitmentSet.Status.SUBMITTED


def test_approving_everything_while_an_item_asks_for_changes_is_refused(client_for, rennes_set):
    data = review_data(rennes_set, "approved", E3=("changes_requested", "À compléter."))
    html = text(client_for("territorial_coordinator").post(url(rennes_set), data))
    assert "Vous ne pouvez pas tout valider" in html
    assert not CommitmentReview.objects.exists()


def test_asking_for_changes_needs_an_item_or_a_comment(client_for, rennes_set):
    client = client_for("territorial_coordinator")
    html = text(client.post(url(rennes_set), review_data(rennes_set, "changes_requested")))
    assert "marquez au moins un engagement « À reprendre » ou écrivez un commentaire général" in html
    assert not CommitmentReview.objects.exists()
    client.post(url(rennes_set), review_data(rennes_set, "changes_requested", comment="Reprenez la présentation."))
    assert CommitmentReview.objects.get().comment == "Reprenez la présentation."


@pytest.mark.parametrize(
    "change",
    [
        {"decision": "bof"},
        {"decision": ""},
        {"submission": "abc"},
        {"submission": ""},
    ],
)
def test_malformed_review_form_is_refused_in_french(client_for, rennes_set, change):
    data = {**review_data(rennes_set), **change}
    response = client_for("territorial_coordinator").post(url(rennes_set), data)
    assert response.status_code == 200
    assert "Votre avis n'a pas été enregistré" in text(response)
    assert not CommitmentReview.objects.exists()


def test_missing_item_opinion_is_refused(client_for, rennes_set):
    data = review_data(rennes_set)
    del data[f"item-{items(rennes_set)['E2'].pk}-decision"]
    html = text(client_for("territorial_coordinator").post(url(rennes_set), data))
    assert "Choisissez un avis : « Conforme » ou « À reprendre »." in html
    assert not CommitmentReview.objects.exists()


def test_reviewing_a_set_that_is_not_submitted_says_so_and_keeps_the_input(client_for, rennes_set):
    data = review_data(rennes_set, comment="Très bien.")
    client = client_for("territorial_coordinator")
    client.post(url(rennes_set), data)
    response = client.post(url(rennes_set), {**data, "comment": "Deuxième avis, tapé en parallèle."})
    assert response.status_code == 200
    html = text(response)
    assert "ne sont plus en attente de revue" in html
    assert "Deuxième avis, tapé en parallèle." in html
    assert CommitmentReview.objects.count() == 1


def test_review_of_a_stale_submission_is_refused_and_the_input_kept(client_for, network, rennes_set):
    stale = review_data(rennes_set, "changes_requested", E1=("changes_requested", "Motif écrit pendant la lecture."))
    submit(rennes_set, by=network.referent, texts={"E1": "Texte déposé pendant la lecture."})
    response = client_for("territorial_coordinator").post(url(rennes_set), stale)
    html = text(response)
    assert "nouvelle version de ses engagements" in html
    assert "Motif écrit pendant la lecture." in html
    assert "Texte déposé pendant la lecture." in html
    latest = rennes_set.submissions.get(number=2)
    assert f'name="submission" value="{latest.pk}"' in html
    assert not CommitmentReview.objects.exists()


def test_nobody_outside_the_scope_can_post_a_review(client_for, network, rennes_set):
    brest = submitted_set(network.other_structure, cycle=rennes_set.cycle, version=rennes_set.charter_version)
    assert client_for("territorial_coordinator").post(url(brest), review_data(brest)).status_code == 404
    for persona in ["referent", "adviser", "other_adviser", "staff"]:
        assert client_for(persona).post(url(rennes_set), review_data(rennes_set)).status_code == 403
    assert not CommitmentReview.objects.exists()


# History


def test_history_is_kept_over_two_rounds(client_for, network, rennes_set, django_capture_on_commit_callbacks):
    client = client_for("territorial_coordinator")
    first_reason = "Ajoutez les horaires."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(rennes_set), review_data(rennes_set, "changes_requested", E1=("changes_requested", first_reason))
        )
    rennes_set.refresh_from_db()
    submit(rennes_set, by=network.referent, texts={"E1": "Accueil sans rendez-vous le mercredi de 13 h à 17 h."})
    page = text(client.get(url(rennes_set)))
    assert "Accueil sans rendez-vous le mercredi de 13 h à 17 h." in page
    assert f"la coordination avait demandé de reprendre cet engagement : « {first_reason} »" in page
    assert "Dépôt n° 1" in page and first_reason in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(rennes_set), review_data(rennes_set, comment="Merci pour les précisions."))
    rennes_set.refresh_from_db()
    assert rennes_set.status == CommitmentSet.Status.APPROVED
    first, second = CommitmentReview.objects.order_by("decided_at", "pk")
    assert (first.submission.number, first.decision) == (1, "changes_requested")
    assert (second.submission.number, second.decision) == (2, "approved")
    assert first.item_reviews.get(decision="changes_requested").reason == first_reason
    assert rennes_set.submissions.get(number=1).snapshot[0]["text"] == "Nous accueillons sans rendez-vous le mercredi."
    assert len(mail.outbox) == 2

    html = text(client.get(url(rennes_set)))
    assert "Ce dépôt a été examiné" in html and "engagements validés" in html
    assert first_reason in html and "Merci pour les précisions." in html
    assert "Enregistrer et prévenir la structure" not in html


# Service rules


def test_service_refuses_a_reason_less_change_request(network, rennes_set):
    submission = rennes_set.submissions.get()
    item_ids = [entry["item_id"] for entry in submission.snapshot]
    decisions = {item_id: ("approved", "") for item_id in item_ids}
    decisions[item_ids[0]] = ("changes_requested", "")
    with pytest.raises(ServiceError, match="Indiquez ce que la structure doit reprendre"):
        services.commitment_set_review(
            commitment_set=rennes_set,
            submission=submission,
            item_decisions=decisions,
            decision="changes_requested",
            comment="",
            reviewer=network.territorial_coordinator,
        )
    assert not CommitmentReview.objects.exists()


def test_service_needs_an_opinion_on_every_item(network, rennes_set):
    submission = rennes_set.submissions.get()
    first_item = submission.snapshot[0]["item_id"]
    with pytest.raises(ServiceError, match="Choisissez un avis"):
        services.commitment_set_review(
            commitment_set=rennes_set,
            submission=submission,
            item_decisions={first_item: ("approved", "")},
            decision="approved",
            comment="",
            reviewer=network.territorial_coordinator,
        )


def test_service_refuses_an_earlier_submission(network, rennes_set):
    first = rennes_set.submissions.get()
    submit(rennes_set)
    with pytest.raises(ServiceError, match="nouvelle version"):
        services.commitment_set_review(
            commitment_set=rennes_set,
            submission=first,
            item_decisions={entry["item_id"]: ("approved", "") for entry in first.snapshot},
            decision="approved",
            comment="",
            reviewer=network.territorial_coordinator,
        )


# No rubber-stamping; what a re-review and the referent see after a request for changes


def test_no_opinion_is_ticked_in_advance(client_for, rennes_set):
    html = text(client_for("territorial_coordinator").get(url(rennes_set)))
    assert "checked" not in html
    assert html.count('value="approved"') == 4  # three items and the overall decision, none ticked


def test_every_item_needs_an_opinion_each_error_linked_from_the_summary(client_for, rennes_set):
    data = review_data(rennes_set)
    for item in items(rennes_set).values():
        del data[f"item-{item.pk}-decision"]
    response = client_for("territorial_coordinator").post(url(rennes_set), data)
    html = text(response)
    assert "Le formulaire contient 3 erreurs" in html  # one per item without an opinion
    for item in items(rennes_set).values():
        assert f'<a href="#id_item-{item.pk}-decision_0">{item.code} — {item.title}, avis : Choisissez un avis' in html
    assert 'action="#erreurs"' in html and 'id="erreurs"' in html and 'role="alert"' in html
    assert not CommitmentReview.objects.exists()


def _ask_changes(client_for, commitment_set, **per_item):
    data = review_data(commitment_set, "changes_requested", comment="Deux points à préciser, merci.", **per_item)
    response = client_for("territorial_coordinator").post(url(commitment_set), data)
    assert response.status_code == 302


def test_after_changes_are_requested_the_referent_page_opens_on_the_items_to_redo(client_for, rennes_set):
    _ask_changes(client_for, rennes_set, E2=("changes_requested", "Combien d'ateliers par an ?"))
    html = text(client_for("referent").get("/charte/engagements/"))
    box = html[html.index('id="a-reprendre"') : html.index("</section>", html.index('id="a-reprendre"'))]
    e2 = rennes_set.commitments.get(item__code="E2")
    assert "Deux points à préciser, merci." in box
    assert f'<a href="#engagement-{e2.pk}">E2 — {e2.item.title}</a> : Combien d\'ateliers par an ?' in box
    assert "E1 —" not in box
    assert html.index('id="a-reprendre"') < html.index(f'id="engagement-{e2.pk}"')


def test_a_re_review_shows_each_item_beside_the_previous_deposit(client_for, network, rennes_set):
    _ask_changes(client_for, rennes_set, E2=("changes_requested", "Combien d'ateliers par an ?"))
    first_evidence = rennes_set.submissions.get().snapshot[0]["evidence"]
    submit(
        rennes_set,
        by=network.referent,
        texts={"E2": "Douze ateliers collectifs par an."},
        evidence={"E1": first_evidence},
    )
    html = text(client_for("territorial_coordinator").get(url(rennes_set)))
    assert "Dépôt n° 1, avant la demande de modifications" in html
    assert "Ateliers collectifs mensuels." in html  # E2 as first deposited
    assert "Douze ateliers collectifs par an." in html
    assert html.count("Modifié depuis") == 1 and html.count("Inchangé depuis ce dépôt") == 2
    assert "Combien d'ateliers par an ?" in html  # what was asked, beside the item
