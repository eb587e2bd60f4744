"""Structures: the public directory, the structure page, profile editing and the label status."""

import re

import pytest
from django.core import mail

from members.models import Audience, LabelStatusChange, Mission, Structure
from members.services import ServiceError
from members.services import structures as services
from tests.factories import LabelStatusChangeFactory, MembershipFactory, StructureFactory
from tests.utils import (
    ALL_PERSONAS,
    assert_access,
    assert_matrix_complete,
    assert_one_h1_and_no_inline_code,
    matrix_cases,
    persona_row,
    plain_spaces,
    text,
)

CIO = "/structures/cio-de-rennes/"
ML = "/structures/mission-locale-du-pays-de-brest/"


def everyone(status):
    return dict.fromkeys(ALL_PERSONAS, status)


def signed_in(default, **exceptions):
    """`default` for every persona but the anonymous visitor, who is sent to the login page."""
    return persona_row(default, personas=ALL_PERSONAS, **exceptions)


# page → {persona: expected status}. The CIO de Rennes is in the territorial coordinator's scope; the Mission
# locale (Brest) is not. "/structures/cio-candidat/" is a structure that is not (yet) labelled.
MATRIX = {
    "/structures/": everyone(200),
    CIO: everyone(200),
    ML: everyone(200),
    "/structures/cio-candidat/": {**everyone(200), "anonymous": 404, "staff": 404},
    CIO + "modifier/": signed_in(403, referent=200, territorial_coordinator=200, regional_coordinator=200),
    ML + "modifier/": signed_in(403, other_referent=200, regional_coordinator=200),
    CIO + "labellisation/": signed_in(403, territorial_coordinator=200, regional_coordinator=200),
    ML + "labellisation/": signed_in(403, regional_coordinator=200),
    "/structures/inconnue/": everyone(404),
    "/structures/inconnue/modifier/": signed_in(404),
    "/structures/inconnue/labellisation/": signed_in(404),
}


@pytest.fixture
def candidate(network):
    return StructureFactory(
        name="CIO candidat", slug="cio-candidat", territory=network.territory, label_status="candidate"
    )


@pytest.fixture
def profile(network):
    """The CIO de Rennes with a complete public profile."""
    structure = network.structure
    structure.description = "Le CIO accueille tout public.\n\nSur rendez-vous <b>ou</b> sans."
    structure.address = "1 quai Dujardin"
    structure.postcode = "35000"
    structure.opening_hours = "Du lundi au vendredi\n9 h – 17 h"
    structure.contact_email = "cio.rennes@ac-rennes.fr"
    structure.contact_phone = "02 99 25 18 40"
    structure.website = "https://www.cio-rennes.fr"
    structure.save()
    structure.missions.set(Mission.objects.filter(code__in=["accueil", "conseil"]))
    structure.audiences.set(Audience.objects.filter(code="jeunes"))
    return structure


def test_matrix_covers_every_persona():
    assert_matrix_complete(MATRIX, ALL_PERSONAS)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_permission_matrix(client_for, candidate, page, persona, expected):
    assert_access(client_for(persona), page, expected, says={404: "Page introuvable"})


# Public directory


def test_directory_lists_labelled_structures_only(client, network, candidate):
    StructureFactory(name="CIO suspendu", territory=network.territory, label_status="suspended")
    html = text(client.get("/structures/"))
    assert "CIO de Rennes" in html
    assert "Mission locale du Pays de Brest" in html
    assert "CIO candidat" not in html
    assert "CIO suspendu" not in html
    assert "2 structures labellisées" in html


def test_directory_has_a_filter_form_that_works_without_javascript(client, network):
    html = text(client.get("/structures/"))
    assert '<form method="get"' in html
    assert re.search(r"<button[^>]*>Filtrer</button>", html)
    assert 'href="/structures/">Réinitialiser</a>' in html
    for label in ["Nom ou commune", "Territoire", "Type de structure", "Mission", "Public accueilli"]:
        assert f">{label}" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("territory=pays-de-brest", ["Mission locale du Pays de Brest"]),
        ("type=cio", ["CIO de Rennes"]),
        ("mission=conseil", ["CIO de Rennes"]),
        ("audience=jeunes", ["CIO de Rennes"]),
        ("q=mission", ["Mission locale du Pays de Brest"]),
        ("q=RENNES", ["CIO de Rennes"]),
        ("q=brest", ["Mission locale du Pays de Brest"]),
        ("type=cio&territory=pays-de-brest", []),
    ],
)
def test_directory_filters(client, network, profile, query, expected):
    network.other_structure.commune = "Brest"
    network.other_structure.save()
    html = text(client.get(f"/structures/?{query}"))
    found = [name for name in ["CIO de Rennes", "Mission locale du Pays de Brest"] if f">{name}</a>" in html]
    assert found == expected
    assert f"{len(expected)} structure" in html
    if not expected:
        assert "Aucune structure labellisée ne correspond à ces critères" in html


@pytest.mark.parametrize("query", ["fougères", "fougeres", "FOUGERES", "Fougères", "FOUGÈRES"])
def test_search_matches_the_commune_whatever_the_accents_and_case(client, network, query):
    StructureFactory(name="Point Information Jeunesse", commune="Fougères", territory=network.territory)
    html = text(client.get(f"/structures/?q={query}"))
    assert "Point Information Jeunesse" in html
    assert "CIO de Rennes" not in html


@pytest.mark.parametrize("query", ["etudiants", "Étudiants", "cite+etudiants"])
def test_search_matches_the_name_whatever_the_accents(client, network, query):
    StructureFactory(name="Cité des étudiants", commune="Rennes", territory=network.territory)
    html = text(client.get(f"/structures/?q={query}"))
    assert "Cité des étudiants" in html
    assert "CIO de Rennes" not in html


@pytest.mark.parametrize("query", ["%", "_", "100%"])
def test_search_wildcards_are_plain_characters(client, network, query):
    html = text(client.get(f"/structures/?q={query}"))
    assert "CIO de Rennes" not in html


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("territory=abc", "Ce territoire n'existe pas"),
        ("type=boulangerie", "Ce type de structure n'existe pas"),
        ("mission=cuisine", "Cette mission n'existe pas"),
        ("audience=12", "Ce public n'existe pas"),
        ("territory=99999999999999999999", "Ce territoire n'existe pas"),
        ("mission=99999999999999999999", "Cette mission n'existe pas"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_french_message(client, network, query, error):
    response = client.get(f"/structures/?{query}")
    assert response.status_code == 200
    html = text(response)
    assert error in html
    assert "n'ont pas été appliqués" in html
    assert "CIO de Rennes" in html and "Mission locale du Pays de Brest" in html


@pytest.mark.parametrize("page", ["999", "x", "-1", "0", ""])
def test_bad_page_numbers_show_a_page_of_results(client, network, page):
    response = client.get(f"/structures/?page={page}")
    assert response.status_code == 200
    assert "CIO de Rennes" in text(response)


def test_directory_is_paginated_by_twenty_and_keeps_the_filters(client, network):
    for number in range(43):
        StructureFactory(name=f"Mission locale {number:02d}", type="mission_locale", territory=network.territory)
    first = text(client.get("/structures/?type=mission_locale"))
    assert "44 structures labellisées correspondent à vos critères" in first
    assert first.count('<li class="card">') == 20
    assert 'href="?type=mission_locale&amp;page=2"' in response_html(client, "/structures/?type=mission_locale")
    last = text(client.get("/structures/?type=mission_locale&page=3"))
    assert last.count('<li class="card">') == 4
    assert 'aria-current="page"><span class="visually-hidden">Page </span>3' in last
    assert "CIO de Rennes" not in last


def response_html(client, url):
    return client.get(url).content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "adviser", "regional_coordinator"])
def test_directory_query_count_does_not_grow_with_structures(client_for, network, persona, assert_same_query_count):
    network.structure.missions.set(Mission.objects.all())

    def add_structures():
        for _ in range(49):
            StructureFactory(territory=network.territory).missions.set(Mission.objects.all())

    response = assert_same_query_count(client_for(persona), "/structures/?territory=pays-de-rennes", add_structures)
    assert "20 structures" not in text(response)
    assert "50 structures labellisées" in text(response)


# Structure page


def test_visitor_sees_the_public_profile(client, network, profile):
    html = text(client.get(CIO))
    for fact in [
        "CIO de Rennes",
        "Pays de Rennes",
        "1 quai Dujardin",
        "35000 Rennes",
        "Du lundi au vendredi<br>9 h – 17 h",
        'href="mailto:cio.rennes@ac-rennes.fr"',
        'href="tel:0299251840"',
        'href="https://www.cio-rennes.fr"',
        "<li>Accueil</li>",
        "<li>Conseil</li>",
        "<li>Jeunes (16-25 ans)</li>",
        "<p>Le CIO accueille tout public.</p>",
    ]:
        assert fact in html, fact
    assert "&lt;b&gt;ou&lt;/b&gt;" in response_html(client, CIO)
    assert "Historique de labellisation" not in html
    assert "Modifier le profil" not in html
    assert "Changer le statut" not in html


def test_structure_page_without_a_profile_says_so(client, network):
    html = text(client.get(CIO))
    assert "La structure n'a pas encore rédigé sa présentation." in html
    assert "Non renseignées." in html


def test_an_adviser_of_the_structure_sees_its_label_history_but_cannot_edit(client_for, network):
    LabelStatusChangeFactory(structure=network.structure, changed_by=network.regional_coordinator)
    html = text(client_for("adviser").get(CIO))
    assert "Historique de labellisation" in html
    assert "Candidate → <strong>Labellisée</strong>" in html
    assert "Engagements de la charte validés en commission." in html
    assert "Modifier le profil" not in html
    assert "Gérer les membres" not in html
    assert "Changer le statut" not in html


def test_an_adviser_of_another_structure_does_not_see_the_label_history(client_for, network):
    LabelStatusChangeFactory(structure=network.structure)
    html = text(client_for("other_adviser").get(CIO))
    assert "Historique de labellisation" not in html
    assert "Engagements de la charte validés" not in html


def test_referent_sees_edit_and_member_links_but_not_the_label_change(client_for, network):
    html = text(client_for("referent").get(CIO))
    assert 'href="/structures/cio-de-rennes/modifier/">Modifier le profil' in html
    assert "Gérer les membres" in html
    assert "Changer le statut de labellisation" not in html
    assert "Le profil de la structure n'a pas encore été complété" in html


def test_coordinator_in_scope_sees_every_action(client_for, network):
    html = text(client_for("territorial_coordinator").get(CIO))
    assert "Modifier le profil" in html
    assert "Gérer les membres" in html
    assert 'href="/structures/cio-de-rennes/labellisation/">Changer le statut de labellisation' in html
    assert "Historique de labellisation" in html


def test_coordinator_out_of_scope_sees_the_history_but_no_action(client_for, network):
    html = text(client_for("territorial_coordinator").get(ML))
    assert "Historique de labellisation" in html
    assert "Modifier le profil" not in html
    assert "Changer le statut" not in html


def test_members_see_a_structure_that_is_not_labelled(client_for, candidate):
    html = text(client_for("other_adviser").get("/structures/cio-candidat/"))
    assert "CIO candidat" in html
    assert "Candidate" in html


def _add_label_history(network):
    for _ in range(49):
        LabelStatusChangeFactory(structure=network.structure, changed_by=network.territorial_coordinator)


def test_structure_page_query_count_does_not_grow_with_history(client_for, network, assert_same_query_count):
    network.structure.missions.set(Mission.objects.all()[:1])
    LabelStatusChangeFactory(structure=network.structure, changed_by=network.regional_coordinator)

    def add_rows():
        network.structure.missions.set(Mission.objects.all())
        network.structure.audiences.set(Audience.objects.all())
        _add_label_history(network)

    assert_same_query_count(client_for("regional_coordinator"), CIO, add_rows)


# Profile editing

PROFILE = {
    "description": "Le CIO accueille collégiens, lycéens, étudiants et adultes.",
    "address": "1 quai Dujardin",
    "postcode": "35000",
    "commune": "Rennes",
    "opening_hours": "Lundi au vendredi, 9 h – 17 h",
    "contact_email": "Accueil@CIO-Rennes.fr",
    "contact_phone": "02 99 25 18 40",
    "website": "https://www.cio-rennes.fr",
}


def profile_data(**changes):
    missions = list(Mission.objects.filter(code__in=["accueil", "information"]).values_list("pk", flat=True))
    audiences = list(Audience.objects.filter(code="scolaires").values_list("pk", flat=True))
    return {**PROFILE, "missions": missions, "audiences": audiences, **changes}


def test_edit_form_groups_fields_in_fieldsets_with_checkboxes(client_for, network, profile):
    html = text(client_for("referent").get(CIO + "modifier/"))
    assert "<h1>Modifier le profil de CIO de Rennes</h1>" in html
    for legend in ["Présentation", "Adresse et horaires", "Contact public", "Missions exercées", "Publics accueillis"]:
        assert re.search(rf"<legend[^>]*>{legend}", html), legend
    assert html.count('type="checkbox" name="missions"') == 4
    assert re.search(r'type="checkbox" name="missions" value="\d+"[^>]*checked', html)
    assert 'value="1 quai Dujardin"' in html


@pytest.mark.parametrize("persona", ["referent", "territorial_coordinator"])
def test_referent_or_coordinator_saves_the_profile(client_for, network, persona):
    response = client_for(persona).post(CIO + "modifier/", profile_data(), follow=True)
    assert response.redirect_chain[-1][0] == CIO
    assert "Le profil de la structure est enregistré." in text(response)
    structure = Structure.objects.get(pk=network.structure.pk)
    assert structure.description == PROFILE["description"]
    assert structure.postcode == "35000"
    assert structure.contact_email == "accueil@cio-rennes.fr"
    assert structure.profile_updated_at is not None
    assert {m.code for m in structure.missions.all()} == {"accueil", "information"}
    assert [a.code for a in structure.audiences.all()] == ["scolaires"]


def test_unticking_every_mission_clears_them(client_for, network, profile):
    data = profile_data()
    del data["missions"]
    client_for("referent").post(CIO + "modifier/", data)
    assert not network.structure.missions.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"postcode": "3500"}, "Le code postal compte 5 chiffres"),
        ({"postcode": "ABCDE"}, "Le code postal compte 5 chiffres"),
        ({"contact_email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"website": "javascript:alert(1)"}, "Saisissez une adresse de site valide"),
        ({"contact_phone": "appelez-nous"}, "Saisissez un numéro de téléphone"),
        ({"commune": ""}, "Ce champ est obligatoire"),
        ({"missions": ["999999"]}, "Choisissez des missions de la liste"),
        ({"missions": ["abc"]}, "Choisissez des missions de la liste"),
        ({"audiences": ["abc"]}, "Choisissez des publics de la liste"),
        ({"missions": ["99999999999999999999"]}, "Choisissez des missions de la liste"),
        ({"audiences": ["99999999999999999999"]}, "Choisissez des publics de la liste"),
        ({"description": "x" * 5001}, "5000 caractères"),
    ],
)
def test_invalid_profile_is_refused_in_french_and_nothing_is_saved(client_for, network, changes, error):
    response = client_for("referent").post(CIO + "modifier/", profile_data(**changes))
    assert response.status_code == 200
    html = text(response)
    assert "Le profil n'a pas été enregistré" in html
    assert error in plain_spaces(html)
    assert "1 quai Dujardin" in html  # what was typed is kept
    structure = Structure.objects.get(pk=network.structure.pk)
    assert structure.address == ""
    assert structure.profile_updated_at is None


@pytest.mark.parametrize("persona", ["adviser", "other_referent", "staff"])
def test_others_cannot_post_a_profile(client_for, network, persona):
    response = client_for(persona).post(CIO + "modifier/", profile_data())
    assert response.status_code == 403
    assert Structure.objects.get(pk=network.structure.pk).address == ""


def test_profile_service_sets_every_field(network):
    missions = Mission.objects.filter(code="accompagnement")
    structure = services.structure_update_profile(
        structure=network.structure,
        **{**PROFILE, "contact_email": " a@b.fr "},
        missions=missions,
        audiences=[],
        updated_by=network.referent,
    )
    structure.refresh_from_db()
    assert structure.contact_email == "a@b.fr"
    assert structure.opening_hours == PROFILE["opening_hours"]
    assert list(structure.missions.all()) == list(missions)
    assert structure.profile_updated_at is not None


# Label status


def test_coordinator_changes_the_label_status_and_referents_are_told(
    client_for, network, django_capture_on_commit_callbacks
):
    MembershipFactory(structure=network.structure, role="referent", user__email="co-referent@cio-rennes.fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("territorial_coordinator").post(
            CIO + "labellisation/",
            {"status": "suspended", "reason": "Engagements non déposés pour le cycle 2026."},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == CIO
    html = text(response)
    assert "CIO de Rennes est maintenant au statut « Suspendue »" in html
    assert "Labellisée → <strong>Suspendue</strong>" in html
    structure = Structure.objects.get(pk=network.structure.pk)
    assert structure.label_status == "suspended"
    change = LabelStatusChange.objects.get()
    assert (change.from_status, change.to_status) == ("labelled", "suspended")
    assert change.changed_by == network.territorial_coordinator
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["co-referent@cio-rennes.fr", "referente@cio-rennes.fr"]
    assert "CIO de Rennes" in message.subject and "Suspendue" in message.subject
    assert "Labellisée → Suspendue" in message.body
    assert "Engagements non déposés pour le cycle 2026." in message.body
    assert "http" in message.body and "/structures/cio-de-rennes/" in message.body
    assert "&#x27;" not in message.body and "&quot;" not in message.body
    html_body = message.alternatives[0][0]
    assert "Engagements non déposés" in html_body


def test_label_form_offers_every_status_but_the_current_one(client_for, network):
    html = text(client_for("regional_coordinator").get(CIO + "labellisation/"))
    assert "<h1>Changer le statut de labellisation de CIO de Rennes</h1>" in html
    assert 'value="labelled"' not in html
    for status in ["candidate", "suspended", "withdrawn"]:
        assert f'value="{status}"' in html
    assert re.search(r"<legend[^>]*>Nouveau statut", html)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"status": "suspended", "reason": "Trop bref"}, "au moins 10 caractères"),
        ({"status": "suspended", "reason": "          "}, "Écrivez le motif du changement"),
        ({"status": "suspended"}, "Écrivez le motif du changement"),
        ({"reason": "Un motif assez long."}, "Choisissez le nouveau statut."),
        ({"status": "labelled", "reason": "Un motif assez long."}, "Choisissez un statut différent du statut actuel."),
        ({"status": "supprimée", "reason": "Un motif assez long."}, "Choisissez un statut différent"),
    ],
)
def test_bad_label_change_is_refused_in_french_and_changes_nothing(
    client_for, network, data, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("regional_coordinator").post(CIO + "labellisation/", data)
    assert response.status_code == 200
    html = text(response)
    assert error in html
    assert "Le statut n'a pas été changé" in html
    if data.get("reason", "").strip():
        assert data["reason"] in html
    assert Structure.objects.get(pk=network.structure.pk).label_status == "labelled"
    assert not LabelStatusChange.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["referent", "adviser", "territorial_coordinator"])
def test_only_coordinators_in_scope_post_a_label_change(client_for, network, persona):
    response = client_for(persona).post(
        ML + "labellisation/", {"status": "withdrawn", "reason": "Un motif assez long."}
    )
    assert response.status_code == 403
    assert Structure.objects.get(pk=network.other_structure.pk).label_status == "labelled"


def test_suspended_structure_leaves_the_public_directory(client, network):
    services.structure_change_label_status(
        structure=network.other_structure,
        status="suspended",
        reason="Suspension le temps de la revue.",
        changed_by=network.regional_coordinator,
    )
    assert "Mission locale du Pays de Brest" not in text(client.get("/structures/"))
    assert client.get(ML).status_code == 404


def test_label_service_refuses_a_change_to_the_same_status(network):
    with pytest.raises(ServiceError, match="déjà au statut « Labellisée »"):
        services.structure_change_label_status(
            structure=network.structure,
            status="labelled",
            reason="Rien ne change vraiment.",
            changed_by=network.regional_coordinator,
        )
    assert not LabelStatusChange.objects.exists()


@pytest.mark.parametrize(("status", "reason"), [("unknown", "Un motif assez long."), ("withdrawn", "court")])
def test_label_service_refuses_bad_input(network, status, reason):
    with pytest.raises(ServiceError):
        services.structure_change_label_status(
            structure=network.structure, status=status, reason=reason, changed_by=network.regional_coordinator
        )
    assert Structure.objects.get(pk=network.structure.pk).label_status == "labelled"


def test_label_service_keeps_the_whole_history(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for status in ["suspended", "labelled", "withdrawn"]:
            services.structure_change_label_status(
                structure=network.structure,
                status=status,
                reason=f"Passage au statut {status}.",
                changed_by=network.regional_coordinator,
            )
    history = list(
        LabelStatusChange.objects.filter(structure=network.structure)
        .order_by("changed_at", "pk")
        .values_list("from_status", "to_status")
    )
    assert history == [("labelled", "suspended"), ("suspended", "labelled"), ("labelled", "withdrawn")]
    assert Structure.objects.get(pk=network.structure.pk).label_status == "withdrawn"
    assert len(mail.outbox) == 3
    assert all(message.to == ["referente@cio-rennes.fr"] for message in mail.outbox)


def test_label_email_is_sent_only_after_commit(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.structure_change_label_status(
            structure=network.structure,
            status="suspended",
            reason="Un motif assez long.",
            changed_by=network.regional_coordinator,
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_structure_without_referent_gets_no_label_email(network, django_capture_on_commit_callbacks):
    lonely = StructureFactory(territory=network.territory)
    MembershipFactory(structure=lonely, role="adviser")
    with django_capture_on_commit_callbacks(execute=True):
        services.structure_change_label_status(
            structure=lonely, status="withdrawn", reason="La structure a fermé.", changed_by=network.staff
        )
    assert mail.outbox == []
    assert LabelStatusChange.objects.filter(structure=lonely).count() == 1


def test_label_page_query_count_does_not_grow_with_history(client_for, network, assert_same_query_count):
    LabelStatusChangeFactory(structure=network.structure, changed_by=network.regional_coordinator)
    assert_same_query_count(
        client_for("regional_coordinator"), CIO + "labellisation/", lambda: _add_label_history(network)
    )


@pytest.mark.parametrize("page", ["/structures/", CIO, CIO + "modifier/", CIO + "labellisation/"])
def test_pages_have_one_h1_and_no_inline_style_or_script(client_for, network, page):
    html = text(client_for("regional_coordinator").get(page))
    assert_one_h1_and_no_inline_code(html)


def test_the_structure_page_gets_its_abilities_from_permissions(client_for, network):
    from members.permissions.structures import StructureAbilities

    can = client_for("territorial_coordinator").get(CIO).context["can"]
    assert can == StructureAbilities(edit_profile=True, manage_members=True, change_label=True, see_label_history=True)
    can = client_for("adviser").get(CIO).context["can"]
    assert can == StructureAbilities(
        edit_profile=False, manage_members=False, change_label=False, see_label_history=True
    )
