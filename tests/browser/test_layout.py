"""The layout in a real browser: no console error under the strict CSP, and a phone-sized screen that stays usable."""

import re

import pytest
from playwright.sync_api import expect

from members.models import Membership
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.helpers import log_in

LONG_URL = "https://exemple.fr/" + "documents-de-la-structure-" * 11  # 300 characters, no space to break at
PUBLIC_PAGES = ["/", "/structures/", "/compte/login/", "/compte/signup/", "/compte/password/reset/"]
MEMBER_PAGES = ["/", "/structures/", "/annuaire/", "/charte/", "/charte/engagements/", "/compte/profil/"]
ACCOUNT_PAGES = ["/compte/email/", "/compte/password/change/"]


@pytest.fixture
def console_errors(page):
    """Every console error and uncaught exception of the page (a CSP violation is logged as a console error)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def referent_structure(demo_network):
    structure = Membership.objects.get(user__email="referent@demo.spro.fr").structure
    structure.website = LONG_URL[:200]  # the longest a website may be
    structure.description = f"Nos documents : {LONG_URL}"
    structure.save(update_fields=["website", "description"])
    return structure


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")


def test_pages_log_no_console_error_nor_csp_violation(page, live_server, referent_structure, console_errors):
    for path in PUBLIC_PAGES:
        visit(page, live_server.url + path)
    log_in(page, live_server, "referent@demo.spro.fr")
    for path in [*MEMBER_PAGES, *ACCOUNT_PAGES, referent_structure.get_absolute_url()]:
        visit(page, live_server.url + path)
    assert console_errors == []


def header_height(page):
    return page.locator("#contenu").bounding_box()["y"]


def has_no_horizontal_scroll(page):
    return page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")


def test_on_a_phone_the_menu_folds_and_long_text_does_not_push_the_page_sideways(
    page, live_server, referent_structure, look
):
    log_in(page, live_server, "referent@demo.spro.fr")
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + referent_structure.get_absolute_url())
    assert header_height(page) < 150
    assert has_no_horizontal_scroll(page)
    navigation = page.get_by_role("navigation", name="Navigation principale")
    charter = navigation.get_by_role("link", name="Charte")
    expect(charter).to_be_hidden()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "menu-ferme-phone.png")

    page.get_by_text("Menu", exact=True).click()
    expect(charter).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "menu-ouvert-phone.png")
    charter.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("harte")

    page.set_viewport_size(DESKTOP)
    expect(
        page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Charte")
    ).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    visit(page, live_server.url + referent_structure.get_absolute_url())
    look("structure-lien-long")


def test_the_phone_menu_opens_from_the_keyboard(page, live_server, demo_network):
    log_in(page, live_server, "referent@demo.spro.fr")
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/")
    menu = page.get_by_text("Menu", exact=True)
    menu.focus()
    page.keyboard.press("Enter")
    current = page.get_by_role("navigation", name="Navigation principale").locator('[aria-current="page"]')
    expect(current).to_be_visible()
    expect(current).to_have_text("Accueil")


@pytest.mark.parametrize("path", ["/", "/structures/"])
def test_public_pages_fit_a_phone(page, live_server, demo_network, path):
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + path)
    assert header_height(page) < 150
    assert has_no_horizontal_scroll(page)
    page.screenshot(path=SCREENSHOTS / f"visiteur{path.replace('/', '-')}phone.png")


def test_account_pages_look_like_the_portal(page, live_server, demo_network, look):
    log_in(page, live_server, "referent@demo.spro.fr")
    visit(page, live_server.url + "/compte/email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes adresses e-mail")
    expect(page.get_by_text("vérifiée", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Renvoyer"))).to_have_count(0)
    look("compte-adresses-e-mail")
    visit(page, live_server.url + "/compte/password/change/")
    look("compte-mot-de-passe")
    visit(page, live_server.url + "/compte/logout/")
    look("compte-deconnexion")
    page.get_by_role("main").get_by_role("button", name="Se déconnecter").click()
    visit(page, live_server.url + "/compte/password/reset/")
    look("compte-mot-de-passe-oublie")
