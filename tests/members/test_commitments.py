"""A structure's commitments for the current review cycle: reading, drafting, concurrency, submission, history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import (
    Commitment,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    ReviewCycle,
)
from members.models.commitments import text_fingerprint
from members.services import ServiceError
from members.services import commitments as services
from tests.factories import (
    CharterSignatureFactory,
    CoordinatorFactory,
    EvidenceFactory,
    FileEvidenceFactory,
    MembershipFactory,
    TerritoryFactory,
    open_cycle,
    published_charter,
)
from tests.utils import (
    PERSONAS,
    assert_access,
    assert_matrix_complete,
    assert_one_h1_and_no_inline_code,
    persona_row,
    text,
)

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def charter(network):
    version = published_charter(items=3, title="Charte 2026")
    CharterSignatureFactory(structure=network.structure, version=version, signed_by=network.referent)
    CharterSignatureFactory(structure=network.other_structure, version=version, signed_by=network.other_referent)
    return version


@pytest.fixture
def cycle(network):
    return open_cycle()


@pytest.fixture
def commitment_set(network, charter, cycle):
    return services.commitment_set_start(structure=network.structure, cycle=cycle)


def save_url(commitment_set):
    return f"/charte/engagements/{commitment_set.pk}/enregistrer/"


def submit_url(commitment_set):
    return f"/charte/engagements/{commitment_set.pk}/deposer/"


def commitments_of(commitment_set):
    return list(commitment_set.commitments.select_related("item").order_by("item__position"))


def draft_data(commitment_set, texts=None, revision=None):
    """What the commitments form sends, as a referent who opens the page now would: the revision, each item's text
    (the saved one unless `texts`, by code, says otherwise) and the fingerprint of the saved text it started from."""
    commitment_set.refresh_from_db()
    data = {"draft-revision": str(commitment_set.revision if revision is None else revision)}
    for commitment in commitments_of(commitment_set):
        data[f"draft-text_{commitment.item_id}"] = (texts or {}).get(commitment.item.code, commitment.text)
        data[f"draft-base_{commitment.item_id}"] = text_fingerprint(commitment.text)
    return data


def fill(commitment_set, user):
    texts = {c.item_id: f"Nous tenons {c.item.code} ainsi." for c in commitments_of(commitment_set)}
    return services.commitment_set_save_draft(
        commitment_set=commitment_set, texts=texts, revision=commitment_set.revision, saved_by=user
    )


# Permission matrix

# persona → expected status (LOGIN: sent to the login page).
READ_OWN = persona_row(200, staff=403)
READ_RENNES = {**READ_OWN, "other_adviser": 404}
EDIT_RENNES = persona_row(404, adviser=403, referent=302, territorial_coordinator=403, regional_coordinator=403)


def test_rows_cover_every_persona():
    assert_matrix_complete({"read own": READ_OWN, "read Rennes": READ_RENNES, "edit Rennes": EDIT_RENNES})


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_commitments_page_is_for_members(client_for, commitment_set, persona):
    assert_access(client_for(persona), "/charte/engagements/", READ_OWN[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_structures_commitments_are_read_by_its_members_and_coordinators_in_scope(
    client_for, commitment_set, persona
):
    assert_access(client_for(persona), "/charte/engagements/cio-de-rennes/", READ_RENNES[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_brest_commitments_are_hidden_from_the_rennes_territorial_coordinator(client_for, charter, cycle, persona):
    expected = {
        **READ_OWN,
        "adviser": 404,
        "referent": 404,
        "territorial_coordinator": 404,
    }[persona]
    assert_access(client_for(persona), "/charte/engagements/mission-locale-du-pays-de-brest/", expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_of_the_structure_save_its_draft(client_for, commitment_set, persona):
    assert_access(
        client_for(persona),
        save_url(commitment_set),
        EDIT_RENNES[persona],
        "post",
        draft_data(commitment_set, {"C1": "Modifié"}),
    )
    saved = Commitment.objects.get(commitment_set=commitment_set, item__code="C1").text
    assert saved == ("Modifié" if persona == "referent" else "")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_of_the_structure_submit(client_for, commitment_set, network, persona):
    fill(commitment_set, network.referent)
    commitment_set.refresh_from_db()
    assert_access(
        client_for(persona),
        submit_url(commitment_set),
        EDIT_RENNES[persona],
        "post",
        {**draft_data(commitment_set), "confirm": "on"},
    )
    assert CommitmentSubmission.objects.count() == (1 if persona == "referent" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_of_the_structure_add_evidence(client_for, commitment_set, persona):
    commitment = commitments_of(commitment_set)[0]
    assert_access(
        client_for(persona),
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/",
        EDIT_RENNES[persona],
        "post",
        {f"link-{commitment.pk}-label": "Bilan", f"link-{commitment.pk}-url": "https://exemple.fr/bilan"},
    )
    assert commitment.evidence.count() == (1 if persona == "referent" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_of_the_structure_remove_evidence(client_for, commitment_set, persona):
    evidence = EvidenceFactory(commitment=commitments_of(commitment_set)[0])
    assert_access(client_for(persona), f"/charte/preuves/{evidence.pk}/retirer/", EDIT_RENNES[persona], "post")
    evidence.refresh_from_db()
    assert (evidence.removed_at is not None) == (persona == "referent")


@pytest.mark.parametrize(
    "path",
    [
        "/charte/engagements/999999/enregistrer/",
        "/charte/engagements/999999/deposer/",
        "/charte/engagements/engagement/999999/preuves/lien/",
        "/charte/engagements/engagement/999999/preuves/fichier/",
        "/charte/preuves/999999/retirer/",
    ],
)
def test_unknown_ids_are_a_french_404(client_for, commitment_set, path):
    assert_access(client_for("referent"), path, 404, "post", says={404: "Page introuvable"})


def test_unknown_structure_is_a_404(client_for, commitment_set):
    assert client_for("regional_coordinator").get("/charte/engagements/inconnue/").status_code == 404


def test_state_changing_commitment_views_refuse_get(client_for, commitment_set):
    client = client_for("referent")
    assert client.get(save_url(commitment_set)).status_code == 405
    assert client.get(submit_url(commitment_set)).status_code == 405


# Starting


def test_a_referents_visit_writes_nothing_and_offers_to_start(client_for, charter, cycle):
    html = text(client_for("referent").get("/charte/engagements/"))
    assert f"Commencer les engagements du cycle {cycle.year}" in html
    assert 'action="/charte/engagements/commencer/"' in html
    assert not CommitmentSet.objects.exists()


def test_referent_starts_the_set_with_one_commitment_per_item(client_for, charter, cycle, network):
    response = client_for("referent").post("/charte/engagements/commencer/", follow=True)
    commitment_set = CommitmentSet.objects.get()
    assert (commitment_set.structure, commitment_set.cycle, commitment_set.charter_version) == (
        network.structure,
        cycle,
        charter,
    )
    assert sorted(commitment_set.commitments.values_list("item__code", flat=True)) == ["C1", "C2", "C3"]
    html = text(response)
    assert f"Les engagements du cycle {cycle.year} sont ouverts" in html
    assert html.count("Comment votre structure tient cet engagement") == 3
    assert "Enregistrer le brouillon" in html


def test_a_double_click_on_start_gives_one_set(client_for, charter, cycle):
    client = client_for("referent")
    client.post("/charte/engagements/commencer/")
    client.post("/charte/engagements/commencer/")
    assert CommitmentSet.objects.count() == 1
    assert Commitment.objects.count() == 3


def test_two_referents_starting_at_once_share_one_set(network, charter, cycle, monkeypatch):
    # The second referent's lookup ran before the first one's insert: the unique constraint decides.
    real_find = services.commitment_set_find
    calls = []

    def find_missing_once(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_find(**kwargs)

    first = services.commitment_set_start(structure=network.structure, cycle=cycle)
    monkeypatch.setattr(services, "commitment_set_find", find_missing_once)
    second = services.commitment_set_start(structure=network.structure, cycle=cycle)
    assert first.pk == second.pk
    assert CommitmentSet.objects.count() == 1 and Commitment.objects.count() == 3


START_RENNES = persona_row(403, referent=302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_start_their_structures_commitments(client_for, charter, cycle, persona):
    assert_access(client_for(persona), "/charte/engagements/commencer/", START_RENNES[persona], "post")
    assert CommitmentSet.objects.count() == (1 if persona == "referent" else 0)


def test_starting_needs_a_post(client_for, charter, cycle):
    assert client_for("referent").get("/charte/engagements/commencer/").status_code == 405
    assert not CommitmentSet.objects.exists()


def test_starting_without_an_open_cycle_is_explained(client_for, charter):
    html = text(client_for("referent").post("/charte/engagements/commencer/", follow=True))
    assert "Aucun cycle de revue des engagements n'est ouvert" in html
    assert not CommitmentSet.objects.exists()


def test_starting_twice_gives_the_same_set(network, charter, cycle):
    first = services.commitment_set_start(structure=network.structure, cycle=cycle)
    second = services.commitment_set_start(structure=network.structure, cycle=cycle)
    assert first.pk == second.pk
    assert Commitment.objects.count() == 3


def test_an_adviser_visit_does_not_start_the_set(client_for, charter, cycle):
    html = text(client_for("adviser").get("/charte/engagements/"))
    assert "n'ont pas encore été commencés" in html
    assert "Commencer les engagements" not in html
    assert not CommitmentSet.objects.exists()


def test_no_open_cycle_gives_a_clear_message(client_for, charter, network):
    ReviewCycle.objects.create(
        year=2099, opens_on=timezone.localdate() + timedelta(days=3), due_on=timezone.localdate() + timedelta(days=90)
    )
    html = text(client_for("referent").get("/charte/engagements/"))
    assert "Aucun cycle de revue des engagements n'est encore ouvert" in html
    assert not CommitmentSet.objects.exists()


def test_the_latest_opened_cycle_is_the_current_one(network):
    today = timezone.localdate()
    open_cycle(year=2001)
    ReviewCycle.objects.filter(year=2001).update(opens_on=today - timedelta(days=400))
    latest = open_cycle(year=2002)
    assert ReviewCycle.objects.current() == latest
    latest.opens_on = today + timedelta(days=1)
    latest.save()
    assert ReviewCycle.objects.current().year == 2001


def test_no_charter_in_force_gives_a_clear_message(client_for, cycle):
    html = text(client_for("referent").get("/charte/engagements/"))
    assert "Aucune version de la charte n'est en vigueur" in html
    assert "Commencer les engagements" not in html
    html = text(client_for("referent").post("/charte/engagements/commencer/", follow=True))
    assert "Aucune version de la charte n'est en vigueur" in html
    assert not CommitmentSet.objects.exists()


def test_coordinator_without_structure_is_pointed_to_the_coordination(client_for, commitment_set):
    html = text(client_for("regional_coordinator").get("/charte/engagements/"))
    assert "Vous n'êtes rattaché·e à aucune structure" in html
    assert "/coordination/" in html


# Drafting


def test_referent_saves_every_text_at_once(client_for, commitment_set, network):
    response = client_for("referent").post(
        save_url(commitment_set),
        draft_data(commitment_set, {"C1": "Accueil sans rendez-vous", "C2": "Ateliers partagés", "C3": ""}),
        follow=True,
    )
    assert "Brouillon enregistré" in text(response)
    texts = dict(Commitment.objects.values_list("item__code", "text"))
    assert texts == {"C1": "Accueil sans rendez-vous", "C2": "Ateliers partagés", "C3": ""}
    commitment_set.refresh_from_db()
    assert commitment_set.revision == 1
    assert commitment_set.updated_by == network.referent


@pytest.fixture
def yann(network):
    """A second referent of the CIO de Rennes, who edits the same commitments."""
    return MembershipFactory(
        structure=network.structure, role="referent", user__first_name="Yann", user__last_name="Le Goff"
    ).user


def saved_texts():
    return dict(Commitment.objects.values_list("item__code", "text"))


def test_a_save_after_someone_elses_keeps_their_items_and_saves_mine(client, client_for, commitment_set, yann):
    mine = draft_data(commitment_set)  # the page as I opened it
    client.force_login(yann)
    client.post(save_url(commitment_set), draft_data(commitment_set, {"C1": "Texte de Yann"}))
    mine[f"draft-text_{commitments_of(commitment_set)[1].item_id}"] = "Mon texte pour C2"

    response = client_for("referent").post(save_url(commitment_set), mine, follow=True)

    assert "Brouillon enregistré" in text(response)
    assert saved_texts() == {"C1": "Texte de Yann", "C2": "Mon texte pour C2", "C3": ""}


def test_items_both_changed_are_conflicts_shown_side_by_side_and_nothing_is_overwritten(
    client, client_for, commitment_set, yann
):
    mine = draft_data(commitment_set, {"C1": "Ma version à moi", "C2": "Version de Yann C2", "C3": "Mon C3"})
    client.force_login(yann)
    client.post(
        save_url(commitment_set),
        draft_data(commitment_set, {"C1": "Version de Yann C1", "C2": "Version de Yann C2"}),
    )

    response = client_for("referent").post(save_url(commitment_set), mine)

    assert response.status_code == 200
    html = text(response)
    assert "Yann Le Goff a enregistré ces engagements pendant que vous les modifiiez" in html
    assert "1 engagement modifié des deux côtés n'a pas été enregistré" in html
    assert "Ma version à moi" in html  # what I typed is still in the field
    assert "Version de Yann C1" in html  # what they saved is shown beside it
    assert html.count("Texte enregistré entre-temps") == 1  # C2 is the same text, C3 only I changed
    assert saved_texts() == {"C1": "Version de Yann C1", "C2": "Version de Yann C2", "C3": "Mon C3"}
    c1 = commitments_of(commitment_set)[0]
    assert f'href="#id_draft-text_{c1.item_id}"' in html  # the summary links to the conflict
    assert f'name="draft-base_{c1.item_id}" value="{text_fingerprint("Version de Yann C1")}"' in html

    # Saving the form as it came back keeps my choice for C1: I have now seen Yann's text.
    again = {**draft_data(commitment_set), f"draft-text_{c1.item_id}": "Ma version à moi"}
    response = client_for("referent").post(save_url(commitment_set), again, follow=True)
    assert "Brouillon enregistré" in text(response)
    assert saved_texts()["C1"] == "Ma version à moi"


def test_the_save_service_merges_item_by_item(commitment_set, network):
    c1, c2, c3 = commitments_of(commitment_set)
    bases = dict.fromkeys((c1.item_id, c2.item_id, c3.item_id), text_fingerprint(""))
    services.commitment_set_save_draft(
        commitment_set=commitment_set, texts={c1.item_id: "A", c2.item_id: "B"}, revision=0, saved_by=network.referent
    )
    saved = services.commitment_set_save_draft(
        commitment_set=commitment_set,
        texts={c1.item_id: "", c2.item_id: "B bis", c3.item_id: "C"},
        bases=bases,
        revision=0,
        saved_by=network.referent,
    )
    assert saved.others_saved and saved.changed == 1
    assert saved.conflicts == {c2.item_id: "B"}
    assert saved_texts() == {"C1": "A", "C2": "B", "C3": "C"}
    assert saved.commitment_set.revision == 2


def test_a_too_long_text_is_refused_and_kept(client_for, commitment_set):
    long_text = "x" * 10001
    response = client_for("referent").post(save_url(commitment_set), draft_data(commitment_set, {"C1": long_text}))
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur comporte au plus" in text(response)
    assert long_text in text(response)
    assert Commitment.objects.filter(text="").count() == 3


# Submission


def test_submitting_with_empty_texts_shows_the_errors_at_the_top_linked_to_each_item(client_for, commitment_set):
    response = client_for("referent").post(
        submit_url(commitment_set), {**draft_data(commitment_set, {"C1": "Rempli", "C2": ""}), "confirm": "on"}
    )
    assert response.status_code == 200
    html = text(response)
    start = html.index('id="erreurs"')
    summary = html[start : html.index("</div>", start)]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "Le formulaire contient 2 erreurs" in summary
    c1, c2, c3 = commitments_of(commitment_set)
    for commitment in (c2, c3):
        field_id = f"id_draft-text_{commitment.item_id}"
        assert f'<a href="#{field_id}">{commitment.item.code} — {commitment.item.title} : ' in summary
        assert f'aria-describedby="{field_id}_error"' in html and f'id="{field_id}_error"' in html
    assert html.count('aria-invalid="true"') == 2
    assert html.count("field--error") == 2
    assert f'formaction="{submit_url(commitment_set)}#erreurs"' in html
    assert not CommitmentSubmission.objects.exists()
    assert saved_texts()["C1"] == "Rempli"  # what was typed is saved, though nothing was submitted
    commitment_set.refresh_from_db()
    assert commitment_set.status == CommitmentSet.Status.DRAFT


def test_the_submit_button_saves_what_was_typed_before_submitting(client_for, commitment_set):
    texts = {"C1": "Un", "C2": "Deux", "C3": "Trois"}
    response = client_for("referent").post(
        submit_url(commitment_set), {**draft_data(commitment_set, texts), "confirm": "on"}, follow=True
    )
    assert "Engagements déposés (dépôt n° 1)" in text(response)
    assert [entry["text"] for entry in CommitmentSubmission.objects.get().snapshot] == ["Un", "Deux", "Trois"]


def test_submitting_needs_the_confirmation_box(client_for, commitment_set, network):
    fill(commitment_set, network.referent)
    response = client_for("referent").post(submit_url(commitment_set), draft_data(commitment_set))
    html = text(response)
    assert "Confirmation du dépôt : Cochez la case pour confirmer le dépôt" in html
    assert "Le formulaire contient 1 erreur" in html
    assert not CommitmentSubmission.objects.exists()


def test_submitting_after_someone_else_saved_is_refused(client_for, commitment_set, network):
    opened = draft_data(commitment_set)
    fill(commitment_set, network.referent)
    response = client_for("referent").post(submit_url(commitment_set), {**opened, "confirm": "on"})
    assert "relisez-les avant de les déposer" in text(response)
    assert not CommitmentSubmission.objects.exists()


def test_submission_freezes_a_snapshot_and_tells_the_coordinators_in_scope(
    client_for, commitment_set, network, django_capture_on_commit_callbacks
):
    brest = CoordinatorFactory(user__email="coordination.brest@region.fr", territories=[network.other_territory]).user
    both = CoordinatorFactory(
        user__email="coordination.ouest@region.fr", territories=[network.territory, TerritoryFactory()]
    ).user
    fill(commitment_set, network.referent)
    commitment = commitments_of(commitment_set)[0]
    kept = EvidenceFactory(commitment=commitment, label="Rapport annuel", url="https://exemple.fr/rapport")
    EvidenceFactory(commitment=commitment, label="Ancienne preuve", removed_at=timezone.now())
    file_evidence = FileEvidenceFactory(commitment=commitment, label="Bilan PDF")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("referent").post(
            submit_url(commitment_set), {**draft_data(commitment_set), "confirm": "on"}, follow=True
        )

    assert "Engagements déposés (dépôt n° 1)" in text(response)
    submission = CommitmentSubmission.objects.get()
    assert submission.number == 1 and submission.submitted_by == network.referent
    first = submission.snapshot[0]
    assert first["code"] == "C1" and first["text"] == "Nous tenons C1 ainsi." and first["item_id"] == commitment.item_id
    assert first["evidence"] == [
        {"evidence_id": kept.pk, "label": "Rapport annuel", "url": "https://exemple.fr/rapport", "file_name": ""},
        {"evidence_id": file_evidence.pk, "label": "Bilan PDF", "url": "", "file_name": "bilan.pdf"},
    ]
    commitment_set.refresh_from_db()
    assert commitment_set.status == CommitmentSet.Status.SUBMITTED
    assert commitment_set.submitted_by == network.referent and commitment_set.submitted_at is not None

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([network.regional_coordinator.email, network.territorial_coordinator.email, both.email])
    assert brest.email not in recipients
    message = mail.outbox[0]
    assert "CIO de Rennes" in message.subject
    assert "/coordination/" in message.body
    assert "&#x27;" not in message.body


def test_submitted_commitments_are_read_only(client_for, commitment_set, network):
    fill(commitment_set, network.referent)
    services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)
    html = text(client_for("referent").get("/charte/engagements/"))
    assert "ne sont pas modifiables en attendant sa décision" in html
    assert "Enregistrer le brouillon" not in html
    assert "Nous tenons C1 ainsi." in html
    response = client_for("referent").post(save_url(commitment_set), draft_data(commitment_set, revision=2))
    assert response.status_code == 403
    with pytest.raises(ServiceError, match="déposés"):
        services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)


def _review(submission, reviewer, decision, items):
    review = CommitmentReview.objects.create(
        submission=submission, reviewer=reviewer, decision=decision, comment="Merci pour ce travail."
    )
    for item, (item_decision, reason) in items.items():
        CommitmentItemReview.objects.create(review=review, item=item, decision=item_decision, reason=reason)
    return review


def test_after_changes_are_requested_the_referent_sees_the_reasons_and_resubmits(
    client_for, commitment_set, network, django_capture_on_commit_callbacks
):
    fill(commitment_set, network.referent)
    submission = services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)
    c1, c2, c3 = commitments_of(commitment_set)
    _review(
        submission,
        network.regional_coordinator,
        "changes_requested",
        {
            c1.item: ("approved", ""),
            c2.item: ("changes_requested", "Précisez le nombre d'ateliers."),
            c3.item: ("approved", ""),
        },
    )
    # What the reviewing service does (built by the coordination pages).
    CommitmentSet.objects.filter(pk=commitment_set.pk).update(status="changes_requested")
    Commitment.objects.filter(pk__in=[c1.pk, c3.pk]).update(review_status="approved")
    Commitment.objects.filter(pk=c2.pk).update(review_status="changes_requested")

    html = text(client_for("referent").get("/charte/engagements/"))
    assert "La coordination demande des modifications" in html
    assert "Ce que la coordination demande de reprendre" in html
    assert "Précisez le nombre d'ateliers." in html
    assert "Dépôt n° 1" in html and "Modifications demandées" in html and "Merci pour ce travail." in html
    assert "Enregistrer le brouillon" in html

    commitment_set.refresh_from_db()
    services.commitment_set_save_draft(
        commitment_set=commitment_set,
        texts={c2.item_id: "Douze ateliers par an."},
        revision=commitment_set.revision,
        saved_by=network.referent,
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)
    assert second.number == 2
    assert CommitmentSubmission.objects.count() == 2  # nothing overwritten
    statuses = dict(Commitment.objects.values_list("item__code", "review_status"))
    assert statuses == {"C1": "approved", "C2": "pending", "C3": "approved"}
    html = text(client_for("adviser").get("/charte/engagements/"))
    assert "Dépôt n° 2" in html and "Dépôt n° 1" in html


# Query counts


def test_commitments_page_query_count_does_not_grow_with_evidence(
    client_for, commitment_set, network, assert_same_query_count
):
    fill(commitment_set, network.referent)
    commitment = commitments_of(commitment_set)[0]
    EvidenceFactory(commitment=commitment)
    submission = services.commitment_set_submit(commitment_set=commitment_set, submitted_by=network.referent)
    _review(
        submission, network.regional_coordinator, "changes_requested", {commitment.item: ("changes_requested", "Oui")}
    )
    CommitmentSet.objects.filter(pk=commitment_set.pk).update(status="changes_requested")

    def add_evidence():
        for commitment in commitments_of(commitment_set):
            for _ in range(16):
                EvidenceFactory(commitment=commitment)
            FileEvidenceFactory(commitment=commitment)

    response = assert_same_query_count(client_for("referent"), "/charte/engagements/", add_evidence, warm=True)
    assert text(response).count("Retirer<span") == 52


def test_coordinator_page_query_count_does_not_grow_with_evidence(
    client_for, commitment_set, network, assert_same_query_count
):
    commitment = commitments_of(commitment_set)[0]
    EvidenceFactory(commitment=commitment)
    assert_same_query_count(
        client_for("territorial_coordinator"),
        "/charte/engagements/cio-de-rennes/",
        lambda: EvidenceFactory.create_batch(49, commitment=commitment),
        warm=True,
    )


# Home page


def test_home_lists_what_the_referent_has_to_do(client_for, network, cycle):
    published_charter(items=2)
    html = text(client_for("referent").get("/"))
    assert "Votre structure n'a pas signé la charte en vigueur" in html
    assert f"Engagements du cycle {cycle.year} : à commencer, puis à déposer avant le" in html
    assert "Commencer les engagements" in html
    assert "Rien ne vous attend" not in html


def test_home_asks_to_complete_a_started_draft(client_for, commitment_set, cycle):
    html = text(client_for("referent").get("/"))
    assert f"Engagements du cycle {cycle.year} : brouillon à compléter avant le" in html


def test_home_says_when_changes_are_requested(client_for, commitment_set, network):
    CommitmentSet.objects.filter(pk=commitment_set.pk).update(status="changes_requested")
    html = text(client_for("referent").get("/"))
    assert "modifications demandées par la coordination" in html
    assert "n'a pas signé" not in html


def test_home_shows_nothing_about_commitments_to_an_adviser(client_for, commitment_set):
    html = text(client_for("adviser").get("/"))
    assert "Engagements du cycle" not in html
    assert "Rien ne vous attend" in html


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("referent", "/charte/"),
        ("referent", "/charte/engagements/"),
        ("adviser", "/charte/engagements/"),
        ("territorial_coordinator", "/charte/engagements/cio-de-rennes/"),
        ("regional_coordinator", "/charte/versions/nouvelle/"),
        ("regional_coordinator", "/charte/versions/{version}/"),
    ],
)
def test_charter_pages_have_no_inline_script_or_style(client_for, commitment_set, charter, persona, path):
    EvidenceFactory(commitment=commitments_of(commitment_set)[0])
    html = text(client_for(persona).get(path.format(version=charter.pk)))
    assert_one_h1_and_no_inline_code(html)


@pytest.mark.parametrize("revision", ["", "abc", "-1"])
def test_a_missing_or_bad_revision_saves_nothing_and_keeps_the_texts(client_for, commitment_set, revision):
    data = draft_data(commitment_set, {"C1": "Gardé malgré tout"})
    data["draft-revision"] = revision
    response = client_for("referent").post(save_url(commitment_set), data)
    assert response.status_code == 200
    html = text(response)
    assert "Le formulaire est incomplet" in html
    assert "Gardé malgré tout" in html
    assert not Commitment.objects.exclude(text="").exists()


def test_a_bad_revision_on_submit_is_explained(client_for, commitment_set, network):
    fill(commitment_set, network.referent)
    data = {**draft_data(commitment_set), "draft-revision": "x", "confirm": "on"}
    response = client_for("referent").post(submit_url(commitment_set), data)
    assert "Le formulaire est incomplet" in text(response)
    assert not CommitmentSubmission.objects.exists()
