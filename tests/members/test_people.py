"""People: the members' directory and "my profile"."""

import re

import pytest

from members.models import Membership, Structure, User
from members.services import structures as services
from tests.factories import (
    CoordinatorFactory,
    ExpertiseAreaFactory,
    MembershipFactory,
    StructureFactory,
    UserFactory,
)
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

MATRIX = {
    "/annuaire/": persona_row(200, personas=ALL_PERSONAS, staff=403),
    "/compte/profil/": persona_row(200, personas=ALL_PERSONAS),
}


@pytest.fixture
def areas(db):
    return {
        slug: ExpertiseAreaFactory(name=name, slug=slug)
        for slug, name in [
            ("vae", "Validation des acquis de l'expérience (VAE)"),
            ("handicap", "Handicap et emploi"),
            ("apprentissage", "Apprentissage et alternance"),
        ]
    }


@pytest.fixture
def people(network, areas):
    """Give the network's people names, job titles and expertise, as they would fill their profiles."""
    adviser = network.adviser
    adviser.first_name, adviser.last_name, adviser.job_title = "Yann", "Le Gall", "Psychologue de l'Éducation nationale"
    adviser.phone = "02 99 00 11 22"
    adviser.save()
    adviser.expertise.set([areas["vae"], areas["apprentissage"]])
    other = network.other_adviser
    other.first_name, other.last_name, other.job_title = "Maëlle", "Tanguy", "Conseillère en insertion"
    other.save()
    other.expertise.set([areas["handicap"]])
    network.referent.first_name, network.referent.last_name = "Anne", "Riou"
    network.referent.save()
    network.other_referent.first_name, network.other_referent.last_name = "Loïc", "Morvan"
    network.other_referent.save()
    return network


def names_in(html):
    return re.findall(r"<h3>([^<]+)</h3>", html)


def test_matrix_covers_every_persona():
    assert_matrix_complete(MATRIX, ALL_PERSONAS)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_permission_matrix(client_for, page, persona, expected):
    assert_access(client_for(persona), page, expected, says={403: "réservée aux membres du réseau"})


def test_a_person_without_structure_is_refused_the_directory(client, network):
    client.force_login(UserFactory())
    assert client.get("/annuaire/").status_code == 403


# Directory


def test_directory_shows_what_each_person_knows_and_how_to_reach_them(client_for, people):
    html = text(client_for("other_adviser").get("/annuaire/"))
    assert "<h1>Annuaire des membres</h1>" in html
    assert "4 personnes dans l'annuaire" in html
    card = html[html.index("<h3>Yann Le Gall</h3>") :]
    card = card[: card.index("</li>\n        \n")] if "</li>\n        \n" in card else card[:3000]
    assert "Psychologue de l'Éducation nationale" in card
    assert 'href="/structures/cio-de-rennes/">CIO de Rennes</a> · CIO · Pays de Rennes' in card
    assert "<li>Validation des acquis de l'expérience (VAE)</li>" in card
    assert "<li>Apprentissage et alternance</li>" in card
    assert 'href="mailto:conseiller@cio-rennes.fr"' in card
    assert 'href="tel:0299001122"' in card


def test_directory_marks_referents_and_says_when_expertise_is_missing(client_for, people):
    html = text(client_for("adviser").get("/annuaire/?q=riou"))
    assert names_in(html) == ["Anne Riou"]
    assert "Référent·e SPRO" in html
    assert "Domaines d'expertise non renseignés." in html


def test_directory_is_sorted_by_last_name(client_for, people):
    html = text(client_for("adviser").get("/annuaire/"))
    assert names_in(html) == ["Yann Le Gall", "Loïc Morvan", "Anne Riou", "Maëlle Tanguy"]


def test_directory_leaves_out_hidden_former_and_deactivated_people_and_coordinators(client_for, people):
    people.other_referent.show_in_directory = False
    people.other_referent.save()
    MembershipFactory(structure=people.structure, is_active=False, user__first_name="Ancien", user__last_name="Membre")
    MembershipFactory(
        structure=people.structure, user__first_name="Compte", user__last_name="Désactivé", user__is_active=False
    )
    CoordinatorFactory(user__first_name="Coord", user__last_name="Région", is_regional=True)
    html = text(client_for("adviser").get("/annuaire/"))
    assert names_in(html) == ["Yann Le Gall", "Anne Riou", "Maëlle Tanguy"]


def test_people_of_a_structure_that_is_not_labelled_are_listed(client_for, people):
    candidate = StructureFactory(name="CIO candidat", territory=people.territory, label_status="candidate")
    MembershipFactory(structure=candidate, user__first_name="Nina", user__last_name="Candide")
    assert "Nina Candide" in names_in(text(client_for("adviser").get("/annuaire/")))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("territory=pays-de-brest", ["Loïc Morvan", "Maëlle Tanguy"]),
        ("structure_type=cio", ["Yann Le Gall", "Anne Riou"]),
        ("expertise=handicap", ["Maëlle Tanguy"]),
        ("expertise=vae", ["Yann Le Gall"]),
        ("q=yann", ["Yann Le Gall"]),
        ("q=LE+GALL", ["Yann Le Gall"]),
        ("q=Yann+Gall", ["Yann Le Gall"]),
        ("q=maëlle", ["Maëlle Tanguy"]),
        ("q=maelle", ["Maëlle Tanguy"]),
        ("q=MAELLE", ["Maëlle Tanguy"]),
        ("q=loic+morvan", ["Loïc Morvan"]),
        ("q=LOÏC", ["Loïc Morvan"]),
        ("q=inconnu", []),
        ("territory=pays-de-brest&expertise=vae", []),
    ],
)
def test_directory_filters(client_for, people, query, expected):
    html = text(client_for("adviser").get(f"/annuaire/?{query}"))
    assert names_in(html) == expected
    assert f"{len(expected)} personne" in html
    if not expected:
        assert "Personne ne correspond à ces critères." in html


def test_directory_filter_form_works_without_javascript(client_for, people):
    html = text(client_for("adviser").get("/annuaire/")).replace("\xa0", " ")
    assert '<form method="get" action="/annuaire/"' in html
    assert re.search(r"<button[^>]*>Filtrer</button>", html)
    assert 'href="/annuaire/">Réinitialiser</a>' in html
    for label in ["Nom", "Territoire", "Type de structure", "Domaine d'expertise"]:
        assert f">{label} :</label>" in html
    assert '<option value="vae">Validation des acquis de l\'expérience (VAE)</option>' in html


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("territory=abc", "Ce territoire n'existe pas"),
        ("structure_type=boulangerie", "Ce type de structure n'existe pas"),
        ("expertise=1", "Ce domaine d'expertise n'existe pas"),
        ("expertise=99999999999999999999", "Ce domaine d'expertise n'existe pas"),
        ("territory=99999999999999999999", "Ce territoire n'existe pas"),
        ("q=" + "a" * 150, "100 caractères"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_french_message(client_for, people, query, error):
    response = client_for("adviser").get(f"/annuaire/?{query}")
    assert response.status_code == 200
    html = plain_spaces(text(response))
    assert error in html
    assert len(names_in(html)) == 4


@pytest.mark.parametrize("page", ["999", "x", "0", "-3", ""])
def test_bad_page_numbers_show_a_page_of_people(client_for, people, page):
    response = client_for("adviser").get(f"/annuaire/?page={page}")
    assert response.status_code == 200
    assert len(names_in(text(response))) == 4


def test_directory_is_paginated_by_twenty_five_and_keeps_the_filters(client_for, people, areas):
    for number in range(30):
        user = MembershipFactory(structure=people.structure, user__last_name=f"Zébulon {number:02d}").user
        user.expertise.set([areas["vae"]])
    client = client_for("adviser")
    first = text(client.get("/annuaire/?expertise=vae"))
    assert "31 personnes correspondent à vos critères" in first
    assert len(names_in(first)) == 25
    assert 'href="?expertise=vae&amp;page=2"' in client.get("/annuaire/?expertise=vae").content.decode()
    second = text(client.get("/annuaire/?expertise=vae&page=2"))
    assert len(names_in(second)) == 6


@pytest.mark.parametrize("persona", ["adviser", "regional_coordinator"])
def test_directory_query_count_does_not_grow_with_people(client_for, people, areas, persona, assert_same_query_count):
    Membership.objects.exclude(user=people.adviser).update(is_active=False)
    client = client_for(persona)
    if persona == "adviser":
        Membership.objects.filter(user=people.adviser).update(is_active=True)

    def add_people():
        structures = [StructureFactory(territory=people.territory) for _ in range(5)]
        for number in range(49):
            user = MembershipFactory(structure=structures[number % 5]).user
            user.expertise.set(areas.values())

    response = assert_same_query_count(client, "/annuaire/", add_people)
    assert len(names_in(text(response))) == 25


# My profile

PROFILE = {
    "first_name": "Yann",
    "last_name": "Le Gall",
    "job_title": "Conseiller d'orientation",
    "phone": "+33 2 99 00 11 22",
    "show_in_directory": "on",
}


def test_profile_page_shows_the_form_and_account_links(client_for, people, areas):
    html = text(client_for("adviser").get("/compte/profil/"))
    assert "<h1>Mon profil</h1>" in html
    assert re.search(r"<legend[^>]*>Identité et contact", html)
    assert re.search(r"<legend[^>]*>Mes domaines d'expertise", html)
    assert html.count('type="checkbox" name="expertise"') == 3
    assert 'href="/compte/password/change/">Changer mon mot de passe' in html
    assert 'href="/compte/email/">Mes adresses e-mail' in html
    assert 'href="/compte/profil/" aria-current="page">Mon profil</a>' in html
    assert "Psychologue de l'Éducation nationale" in html
    assert 'id="id_show_in_directory" checked' in html or re.search(r'name="show_in_directory"[^>]*checked', html)


def test_every_page_header_links_to_my_profile(client_for, network):
    html = text(client_for("referent").get("/"))
    assert 'href="/compte/profil/">Mon profil</a>' in html


def test_without_expertise_areas_the_profile_says_so(client_for, network):
    html = text(client_for("adviser").get("/compte/profil/"))
    assert "Aucun domaine d'expertise n'a encore été défini pour le réseau." in html
    assert 'name="expertise"' not in html


def test_person_saves_their_profile_and_appears_with_it_in_the_directory(client_for, people, areas):
    client = client_for("adviser")
    data = {**PROFILE, "job_title": "Conseiller VAE", "expertise": [areas["handicap"].pk, areas["vae"].pk]}
    response = client.post("/compte/profil/", data, follow=True)
    assert response.redirect_chain[-1][0] == "/compte/profil/"
    assert "Votre profil est enregistré." in text(response)
    user = User.objects.get(pk=people.adviser.pk)
    assert user.job_title == "Conseiller VAE"
    assert user.phone == "+33 2 99 00 11 22"
    assert {a.slug for a in user.expertise.all()} == {"handicap", "vae"}
    assert names_in(text(client.get("/annuaire/?expertise=handicap"))) == ["Yann Le Gall", "Maëlle Tanguy"]


def test_person_can_leave_the_directory(client_for, people):
    client = client_for("adviser")
    data = {**PROFILE}
    del data["show_in_directory"]
    client.post("/compte/profil/", data)
    assert not User.objects.get(pk=people.adviser.pk).show_in_directory
    assert "Yann Le Gall" not in names_in(text(client.get("/annuaire/")))
    assert not User.objects.get(pk=people.adviser.pk).expertise.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"first_name": ""}, "Ce champ est obligatoire"),
        ({"last_name": "  "}, "Ce champ est obligatoire"),
        ({"phone": "téléphone"}, "Saisissez un numéro de téléphone"),
        ({"expertise": ["999999"]}, "Choisissez des domaines de la liste"),
        ({"expertise": ["abc"]}, "Choisissez des domaines de la liste"),
        ({"expertise": ["99999999999999999999"]}, "Choisissez des domaines de la liste"),
        ({"job_title": "x" * 121}, "120 caractères"),
    ],
)
def test_invalid_profile_is_refused_in_french_and_nothing_is_saved(client_for, people, changes, error):
    response = client_for("adviser").post("/compte/profil/", {**PROFILE, "job_title": "Nouveau titre", **changes})
    assert response.status_code == 200
    html = plain_spaces(text(response))
    assert "Votre profil n'a pas été enregistré" in html
    assert error in html
    # the header still shows the saved name, not the refused one
    assert '<span class="account-links__who">Yann Le Gall · CIO de Rennes</span>' in html
    user = User.objects.get(pk=people.adviser.pk)
    assert user.job_title == "Psychologue de l'Éducation nationale"
    assert user.expertise.count() == 2


def test_coordinator_and_staff_can_edit_their_own_profile(client_for, network):
    for persona in ["regional_coordinator", "staff"]:
        response = client_for(persona).post("/compte/profil/", {**PROFILE, "first_name": persona})
        assert response.status_code == 302
        assert User.objects.get(pk=getattr(network, persona).pk).first_name == persona


def test_profile_page_query_count_does_not_grow_with_expertise(client_for, network, assert_same_query_count):
    ExpertiseAreaFactory()
    assert_same_query_count(
        client_for("adviser"),
        "/compte/profil/",
        lambda: network.adviser.expertise.set([ExpertiseAreaFactory() for _ in range(49)]),
    )


def test_profile_service_updates_the_person(network, areas):
    services.user_update_profile(
        user=network.adviser,
        first_name=" Léa ",
        last_name="Guillou",
        job_title="Chargée d'accueil",
        phone="",
        expertise=[areas["vae"]],
        show_in_directory=False,
    )
    user = User.objects.get(pk=network.adviser.pk)
    assert (user.first_name, user.show_in_directory) == ("Léa", False)
    assert list(user.expertise.all()) == [areas["vae"]]


@pytest.mark.parametrize("page", ["/annuaire/", "/compte/profil/"])
def test_pages_have_one_h1_and_no_inline_style_or_script(client_for, people, page):
    html = text(client_for("referent").get(page))
    assert_one_h1_and_no_inline_code(html)


def test_structure_types_in_filter_are_the_model_choices(client_for, people):
    html = text(client_for("adviser").get("/annuaire/"))
    for value, label in Structure.Type.choices:
        assert f'<option value="{value}">{label}</option>' in html


def test_the_profile_page_leads_to_the_e_mail_preferences(client_for):
    assert 'href="/compte/preferences/"' in text(client_for("adviser").get("/compte/profil/"))
