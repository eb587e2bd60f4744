"""The charter: reading the version in force, drafting and publishing versions, signing for a structure."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from members.actor import build_actor
from members.models import CharterSignature, CharterVersion, CommitmentItem
from members.services import ServiceError
from members.services import charter as services
from spro_portal.context_processors import portal
from tests.factories import CharterSignatureFactory, CharterVersionFactory, CommitmentItemFactory, published_charter
from tests.utils import PERSONAS, assert_access, assert_matrix_complete, persona_row, text

# persona → expected status (LOGIN: sent to the login page).
MEMBERS = persona_row(200, staff=403)
REGIONAL_ONLY = persona_row(403, regional_coordinator=200)
DRAFT_READERS = {**MEMBERS, "adviser": 404, "referent": 404, "other_adviser": 404, "staff": 403}

ITEM_FORM = {
    "items-TOTAL_FORMS": "3",
    "items-INITIAL_FORMS": "0",
    "items-MIN_NUM_FORMS": "0",
    "items-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def charter(network):
    return published_charter(items=4, title="Charte 2026")


@pytest.fixture
def draft(network):
    version = CharterVersionFactory(
        title="Charte 2027 (brouillon)", status=CharterVersion.Status.DRAFT, published_at=None
    )
    CommitmentItemFactory(version=version, code="M1", title="Accueillir toute personne")
    return version


def version_form(**overrides):
    data = {
        "title": "Charte du SPRO 2027",
        "effective_date": "2027-01-01",
        "body": "## Préambule\n\nNous nous engageons.",
        **ITEM_FORM,
        "items-0-code": "M1",
        "items-0-title": "Accueillir toute personne sans condition",
        "items-0-description": "",
        "items-0-category": "missions",
        "items-0-position": "1",
        "items-1-code": "C1",
        "items-1-title": "Partager nos outils",
        "items-1-category": "cooperation",
        "items-1-position": "2",
        "items-2-code": "",
        "items-2-title": "",
        "items-2-category": "",
        "items-2-position": "0",
    }
    data.update(overrides)
    return data


# Permission matrix


def test_rows_cover_every_persona():
    assert_matrix_complete({"members": MEMBERS, "regional only": REGIONAL_ONLY, "draft readers": DRAFT_READERS})


@pytest.mark.parametrize("persona", PERSONAS)
def test_charter_page_is_for_members(client_for, charter, persona):
    assert_access(client_for(persona), "/charte/", MEMBERS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_published_version_page_is_for_members(client_for, charter, persona):
    assert_access(client_for(persona), f"/charte/versions/{charter.pk}/", MEMBERS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_read_by_coordinators_only(client_for, draft, persona):
    assert_access(client_for(persona), f"/charte/versions/{draft.pk}/", DRAFT_READERS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_regional_coordinators_open_the_new_version_form(client_for, network, persona):
    assert_access(client_for(persona), "/charte/versions/nouvelle/", REGIONAL_ONLY[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_regional_coordinators_edit_a_draft(client_for, draft, persona):
    expected = {**REGIONAL_ONLY, "adviser": 404, "referent": 404, "other_adviser": 404}[persona]
    assert_access(client_for(persona), f"/charte/versions/{draft.pk}/modifier/", expected)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "regional_coordinator"])
def test_nobody_else_publishes_a_draft(client_for, draft, persona):
    expected = {**DRAFT_READERS, "territorial_coordinator": 403}[persona]
    assert_access(client_for(persona), f"/charte/versions/{draft.pk}/publier/", expected, "post", {"confirm": "on"})
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_referents_sign(client_for, charter, persona):
    expected = {**REGIONAL_ONLY, "regional_coordinator": 403, "referent": 302}[persona]
    assert_access(client_for(persona), "/charte/signer/", expected, "post", {"confirm": "on"})
    assert CharterSignature.objects.count() == (1 if persona == "referent" else 0)


@pytest.mark.parametrize("path", ["/charte/versions/999999/", "/charte/versions/999999/modifier/"])
def test_unknown_version_is_a_french_404(client_for, network, path):
    response = client_for("regional_coordinator").get(path)
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_state_changing_charter_views_refuse_get(client_for, draft):
    client = client_for("regional_coordinator")
    assert client.get(f"/charte/versions/{draft.pk}/publier/").status_code == 405
    assert client.get(f"/charte/versions/{draft.pk}/copier/").status_code == 405
    assert client_for("referent").get("/charte/signer/").status_code == 405


# Reading


def test_charter_page_shows_the_version_in_force_with_items_by_category(client_for, charter):
    CharterVersionFactory(title="Charte 2020", effective_date=timezone.localdate() - timedelta(days=2000))
    html = text(client_for("adviser").get("/charte/"))
    assert "Charte 2026, en vigueur depuis le" in html
    assert "<h2>Préambule</h2>" in html
    assert "<strong>accueillir toute personne</strong>" in html
    for label in CommitmentItem.Category.labels:
        assert label in html
    assert "C1" in html and "C4" in html
    assert "Charte 2020" in html  # the list of published versions


def test_charter_page_says_so_when_no_version_is_in_force(client_for, network):
    CharterVersionFactory(title="Charte future", effective_date=timezone.localdate() + timedelta(days=5))
    html = text(client_for("referent").get("/charte/"))
    assert "Aucune version de la charte n'est encore en vigueur" in html
    assert "Signer la charte" not in html


def test_drafts_are_listed_for_coordinators_and_hidden_from_members(client_for, charter, draft):
    assert "Charte 2027 (brouillon)" in text(client_for("territorial_coordinator").get("/charte/"))
    assert "Charte 2027 (brouillon)" not in text(client_for("referent").get("/charte/"))


def test_user_markdown_in_the_charter_cannot_inject_script(client_for, network):
    published_charter(items=1, body='<script>alert("x")</script>[lien](javascript:alert(1))')
    html = text(client_for("adviser").get("/charte/"))
    assert 'alert("x")' not in html
    assert "javascript:" not in html


def test_charter_page_query_count_does_not_grow_with_items(client_for, network, assert_same_query_count):
    version = published_charter(items=1)
    CharterSignatureFactory(structure=network.structure, version=version, signed_by=network.referent)

    def add_items_and_older_signatures():
        for index in range(49):
            CommitmentItemFactory(version=version, code=f"X{index}")
        for _ in range(5):
            old = CharterVersionFactory(effective_date=timezone.localdate() - timedelta(days=400))
            CharterSignatureFactory(structure=network.structure, version=old, signed_by=network.referent)

    response = assert_same_query_count(client_for("referent"), "/charte/", add_items_and_older_signatures, warm=True)
    assert text(response).count("charter-items__code") == 50


# Signing


def test_referent_signs_the_version_in_force(client_for, charter, network):
    response = client_for("referent").post("/charte/signer/", {"confirm": "on"}, follow=True)
    html = text(response)
    assert "Merci : CIO de Rennes a signé « Charte 2026 »" in html
    signature = CharterSignature.objects.get()
    assert (signature.structure, signature.version, signature.signed_by) == (
        network.structure,
        charter,
        network.referent,
    )
    assert "Votre structure a signé cette version le" in html
    assert "Signatures de CIO de Rennes" in html


def test_signing_needs_the_confirmation_box(client_for, charter):
    response = client_for("referent").post("/charte/signer/", {}, follow=True)
    assert "Cochez la case" in text(response)
    assert not CharterSignature.objects.exists()


def test_signing_twice_is_refused_in_french(client_for, charter, network):
    CharterSignatureFactory(structure=network.structure, version=charter, signed_by=network.referent)
    response = client_for("referent").post("/charte/signer/", {"confirm": "on"}, follow=True)
    assert "Votre structure a déjà signé cette version de la charte" in text(response)
    assert CharterSignature.objects.count() == 1


def test_signing_when_no_version_is_in_force_is_refused(client_for, network):
    response = client_for("referent").post("/charte/signer/", {"confirm": "on"}, follow=True)
    assert "Seule une version publiée de la charte peut être signée" in text(response)


def test_adviser_sees_who_signs_but_has_no_sign_form(client_for, charter):
    html = text(client_for("adviser").get("/charte/"))
    assert "Ce sont ses référent·es qui la signent" in html
    assert "J'ai lu la charte" not in html


def test_a_draft_cannot_be_signed(network, draft):
    with pytest.raises(ServiceError):
        services.charter_sign(structure=network.structure, version=draft, signed_by=network.referent)


# Banner


def test_referent_of_a_structure_that_has_not_signed_sees_the_banner_everywhere(client_for, charter):
    for page in ["/", "/structures/", "/charte/engagements/"]:
        assert "n'a pas encore signé la charte du SPRO en vigueur" in text(client_for("referent").get(page)), page


def test_banner_disappears_once_signed(client_for, charter, network):
    CharterSignatureFactory(structure=network.structure, version=charter, signed_by=network.referent)
    assert "n'a pas encore signé la charte" not in text(client_for("referent").get("/structures/"))


@pytest.mark.parametrize("persona", ["adviser", "territorial_coordinator", "regional_coordinator"])
def test_no_banner_for_people_who_do_not_sign(client_for, charter, persona):
    assert "n'a pas encore signé la charte du SPRO" not in text(client_for(persona).get("/structures/"))


def test_banner_costs_no_query_for_non_referents_and_is_computed_once(network, charter, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.actor = build_actor(network.adviser)
    with django_assert_num_queries(0):
        assert not portal(request)["banners"]
    request = RequestFactory().get("/")
    request.actor = build_actor(network.referent)
    context = portal(request)
    with django_assert_num_queries(2):
        assert len(context["banners"]) == 1
        assert context["banners"][0].link_text == "Lire et signer la charte"


# Drafting and publishing


def test_regional_coordinator_drafts_a_version_with_items(client_for, network):
    response = client_for("regional_coordinator").post("/charte/versions/nouvelle/", version_form(), follow=True)
    version = CharterVersion.objects.get()
    assert version.status == CharterVersion.Status.DRAFT
    assert version.created_by == network.regional_coordinator
    assert list(version.items.values_list("code", "category")) == [("M1", "missions"), ("C1", "cooperation")]
    html = text(response)
    assert "Brouillon créé" in html
    assert "Aperçu d'un brouillon" in html


def test_draft_form_refuses_duplicate_codes_and_keeps_the_input(client_for, network):
    response = client_for("regional_coordinator").post(
        "/charte/versions/nouvelle/", version_form(**{"items-1-code": "M1"})
    )
    assert response.status_code == 200
    html = text(response)
    assert "Le code M1 est déjà utilisé" in html
    assert "Partager nos outils" in html
    assert not CharterVersion.objects.exists()


def test_draft_form_reports_missing_fields_in_french(client_for, network):
    response = client_for("regional_coordinator").post(
        "/charte/versions/nouvelle/", version_form(title="", **{"items-0-category": "inconnue"})
    )
    html = text(response)
    assert "Ce champ est obligatoire" in html
    assert "Sélectionnez un choix valide" in html
    assert not CharterVersion.objects.exists()


def test_editing_a_draft_rewrites_its_items(client_for, draft):
    data = version_form(
        title="Charte 2027",
        **{
            "items-INITIAL_FORMS": "1",
            "items-0-code": "M1",
            "items-0-title": "Accueillir sans condition",
            "items-1-DELETE": "on",
        },
    )
    response = client_for("regional_coordinator").post(f"/charte/versions/{draft.pk}/modifier/", data, follow=True)
    assert "Brouillon enregistré" in text(response)
    draft.refresh_from_db()
    assert draft.title == "Charte 2027"
    assert list(draft.items.values_list("code", "title")) == [("M1", "Accueillir sans condition")]


def test_a_published_version_is_never_edited(client_for, charter):
    client = client_for("regional_coordinator")
    response = client.get(f"/charte/versions/{charter.pk}/modifier/", follow=True)
    assert "Une version publiée de la charte n'est jamais modifiée" in text(response)
    response = client.post(f"/charte/versions/{charter.pk}/modifier/", version_form(title="Réécrite"), follow=True)
    assert "n'est jamais modifiée" in text(response)
    charter.refresh_from_db()
    assert charter.title == "Charte 2026"
    assert charter.items.count() == 4
    with pytest.raises(ServiceError, match="n'est jamais modifiée"):
        services.charter_version_update(
            version=charter, title="x", effective_date=charter.effective_date, body="", items=[]
        )


def test_publishing_needs_confirmation(client_for, draft):
    response = client_for("regional_coordinator").post(f"/charte/versions/{draft.pk}/publier/", {}, follow=True)
    assert "Cochez la case pour confirmer la publication" in text(response)
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_a_version_without_items_is_refused(client_for, draft):
    draft.items.all().delete()
    response = client_for("regional_coordinator").post(
        f"/charte/versions/{draft.pk}/publier/", {"confirm": "on"}, follow=True
    )
    assert "Une version sans engagement ne peut pas être publiée" in text(response)
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_freezes_the_version(client_for, draft, network):
    response = client_for("regional_coordinator").post(
        f"/charte/versions/{draft.pk}/publier/", {"confirm": "on"}, follow=True
    )
    assert "est publiée" in text(response)
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == network.regional_coordinator
    with pytest.raises(ServiceError):
        services.charter_version_publish(version=draft, published_by=network.regional_coordinator)


def test_copying_the_version_in_force_starts_a_draft_with_its_text_and_items(client_for, charter):
    response = client_for("regional_coordinator").post(f"/charte/versions/{charter.pk}/copier/")
    copy = CharterVersion.objects.exclude(pk=charter.pk).get()
    assert response["Location"] == f"/charte/versions/{copy.pk}/modifier/"
    assert copy.status == CharterVersion.Status.DRAFT
    assert copy.body == charter.body
    assert list(copy.items.values_list("code", "title")) == list(charter.items.values_list("code", "title"))
    page = client_for("regional_coordinator").get(response["Location"])
    assert page.status_code == 200
    assert "C4" in text(page)


def test_territorial_coordinator_cannot_copy(client_for, charter):
    assert client_for("territorial_coordinator").post(f"/charte/versions/{charter.pk}/copier/").status_code == 403
    assert CharterVersion.objects.count() == 1
