"""The pages a French public-service site owes everyone: personal data, accessibility statement, legal notice, site
map; the footer that links them, and a description of each public page for search engines."""

import re

import pytest
from django.urls import resolve

from spro_portal import composition
from tests.utils import PERSONAS, assert_one_h1_and_no_inline_code, text

LEGAL_PAGES = ["/donnees-personnelles/", "/accessibilite/", "/mentions-legales/", "/plan-du-site/"]
PUBLIC_PAGES = [
    "/",
    "/structures/",
    "/structures/cio-de-rennes/",
    "/ressources/",
    "/compte/login/",
    "/compte/signup/",
    *LEGAL_PAGES,
]


def _description(html):
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", LEGAL_PAGES)
def test_legal_pages_are_open_to_everyone(client_for, persona, page):
    response = client_for(persona).get(page)
    assert response.status_code == 200
    assert_one_h1_and_no_inline_code(text(response))


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_describe_themselves(client, network, page):
    description = _description(text(client.get(page)))
    assert len(description) > 40


def test_each_legal_page_has_its_own_description(client, network):
    descriptions = {_description(text(client.get(page))) for page in LEGAL_PAGES}
    assert len(descriptions) == len(LEGAL_PAGES)


@pytest.mark.parametrize("persona", ["anonymous", "adviser"])
def test_footer_links_the_legal_pages_and_states_accessibility(client_for, persona):
    footer = re.search(r'<footer class="site-footer".*?</footer>', text(client_for(persona).get("/")), re.S).group(0)
    assert '<a href="/accessibilite/">Accessibilité : partiellement conforme</a>' in footer
    for page in ["/donnees-personnelles/", "/mentions-legales/", "/plan-du-site/"]:
        assert f'href="{page}"' in footer


def test_sign_up_links_the_personal_data_page(client, network):
    assert 'href="/donnees-personnelles/"' in text(client.get("/compte/signup/"))


def test_accessibility_statement_follows_the_rgaa_form(client, network):
    page = text(client.get("/accessibilite/"))
    for heading in [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Non-conformités connues",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l'obligation d'accessibilité",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
    ]:
        assert f">{heading}</h" in page, heading
    assert "<strong>partiellement conforme</strong>" in page
    assert "axe-core" in page and "Ce que ces contrôles ne couvrent pas" in page
    assert "Défenseur des droits" in page and "Libre réponse 71120" in page
    assert "1er décembre 2026" in page
    assert 'href="mailto:accessibilite@spro.example.fr"' in page


def test_legal_notice_names_publisher_director_and_host(client, network, settings):
    settings.LEGAL_HOST = "Hébergeur Exemple SAS, 1 rue du Serveur, 75000 Paris"
    page = text(client.get("/mentions-legales/"))
    assert settings.LEGAL_PUBLISHER in page
    assert settings.LEGAL_PUBLICATION_DIRECTOR in page
    assert "Hébergeur Exemple SAS" in page


def test_personal_data_page_says_how_to_exercise_each_right(client, network):
    page = text(client.get("/donnees-personnelles/"))
    for right in [
        "Droit d'accès et à la portabilité",
        "Droit de rectification",
        "Droit à l'effacement",
        "Droit d'opposition et de limitation",
    ]:
        assert f"<strong>{right}</strong>" in page
    assert "CNIL" in page
    assert 'href="mailto:dpo@spro.example.fr"' in page
    assert "2 heures sans activité" in page and "12 heures après la connexion" in page


def _site_map_urls(page):
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    return set(re.findall(r'<a href="([^"]+)"', main))


def test_site_map_lists_every_page_of_the_navigation_and_of_the_coordination_menu(client, network):
    from members.actor import build_actor

    urls = _site_map_urls(text(client.get("/plan-du-site/")))
    coordinator = build_actor(network.regional_coordinator)
    referent = build_actor(network.referent)
    expected = {link.url for actor in (coordinator, referent) for link in composition.navigation(actor)}
    expected |= {link.url for link in composition.coordination_menu(coordinator)}
    assert expected <= urls, expected - urls


def test_every_link_of_the_site_map_is_a_page_of_the_portal(client, network):
    urls = _site_map_urls(text(client.get("/plan-du-site/")))
    assert len(urls) > 20
    for url in urls:
        resolve(url)  # raises Resolver404 for a page that does not exist


def test_site_map_gathers_coordination_pages_from_every_app_in_one_section(client, network):
    page = text(client.get("/plan-du-site/"))
    assert page.count(">Coordination <span") == 1
    section = page.split(">Coordination <span", 1)[1].split("</section>", 1)[0]
    for label in ["File de revue des engagements", "Modération du forum", "Rapports d'indicateurs à valider"]:
        assert label in section
