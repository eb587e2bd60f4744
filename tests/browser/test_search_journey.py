"""Search in a real browser: an adviser types words in the header's search box, reads the ranked results with
their highlights, narrows them with a filter and opens one; the same on a phone."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import log_in

TOPIC = "Premier accueil des personnes allophones : vos outils ?"


def test_search_from_the_header_box_and_open_a_result(page, live_server, demo_network, look):
    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Communauté").click()
    look("recherche-entete")
    header = page.get_by_role("banner")
    header.get_by_label("Rechercher").fill("allophones")
    header.get_by_role("button", name="Rechercher").click()

    expect(page).to_have_url(re.compile(r"/recherche/\?q=allophones$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher dans le forum et les ressources")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"résultats? pour « allophones »"))).to_be_visible()
    results = page.get_by_role("list").filter(has=page.get_by_role("link", name=TOPIC))
    expect(results.locator("mark").first).to_have_text(re.compile("allophones", re.IGNORECASE))
    look("recherche-resultats")

    page.get_by_text("Affiner la recherche").click()
    page.get_by_label("Chercher dans").select_option(label="Sujets")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"sorte=sujets"))
    expect(page.get_by_label("Chercher dans")).to_be_visible()  # the panel stays open on a filtered search
    page.get_by_role("link", name=TOPIC).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)

    page.goto(f"{live_server.url}/recherche/?q=&du=2024-13-45")
    expect(page.get_by_text("Cette date n'existe pas")).to_be_visible()
    expect(page.get_by_role("heading", name="Que cherchez-vous ?")).to_be_visible()
    look("recherche-aide")
