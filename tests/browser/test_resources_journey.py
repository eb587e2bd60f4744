"""Journey 4 in a real browser: an adviser shares a tool with a licence, an adviser of another structure downloads
it and tells how they reused it, the author is told by e-mail and finds the story on the page."""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from practices.demo.resources import tiny_pdf
from practices.models import Resource, ReuseStory
from tests.browser.helpers import log_in, log_out

TITLE = "Grille d'observation des ateliers collectifs"


def test_share_download_tell_a_reuse_and_the_author_is_told(
    page, live_server, demo_network, media_root, look, tmp_path
):
    tool = tmp_path / "grille-ateliers.pdf"
    tool.write_bytes(tiny_pdf(TITLE, ["Qui parle, qui se tait, ce qui fait avancer le groupe."]))

    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Ressources").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressources partagées")
    look("ressources-liste")

    page.get_by_role("link", name="Partager une ressource").click()
    page.get_by_label(re.compile(r"^Titre\W*$")).fill(TITLE)
    page.get_by_label("Sorte de ressource").select_option(label="Outil")
    page.get_by_label("Présentation").fill("Une grille pour **observer un atelier** et en parler ensuite en équipe.")
    page.get_by_label(re.compile(r"^Fichier\W*$")).set_input_files(tool)
    page.get_by_role("radio", name=re.compile(r"CC BY-SA 4\.0")).check()
    page.get_by_role("group", name="Pour qui").get_by_label("Accueil", exact=True).check()
    look("ressources-partager")
    page.get_by_role("button", name="Partager la ressource").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Votre ressource est partagée")).to_be_visible()
    expect(page.get_by_label("Pour la citer, copiez cette ligne :")).to_have_value(
        re.compile(rf"^« {TITLE} », .+ \(CIO de Brest\), licence CC BY-SA 4.0, Portail du SPRO, ")
    )
    look("ressources-page-auteur")
    resource_url = page.url
    log_out(page)

    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(resource_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Télécharger « grille-ateliers.pdf »")).click()
    download = download_info.value
    assert download.suggested_filename == "grille-ateliers.pdf"
    assert Path(download.path()).read_bytes() == tool.read_bytes()
    page.get_by_label("Le contexte").fill("Les ateliers CV de la Mission locale, avec des groupes de huit jeunes.")
    page.get_by_label("Ce que vous avez adapté").fill("Deux colonnes de moins, et une ligne sur la prise de parole.")
    page.get_by_label("Ce que cela a donné (facultatif)").fill("Les animateur·rices se relaient mieux.")
    page.get_by_role("button", name="Publier le récit").click()
    expect(page.get_by_text("votre récit est publié")).to_be_visible()
    expect(page.get_by_role("heading", name="Réutilisations racontées (1)")).to_be_visible()
    look("ressources-page-reutilisee")
    log_out(page)

    resource = Resource.objects.get(title=TITLE)
    assert resource.download_count == 1 and resource.reuse_count == 1
    assert ReuseStory.objects.filter(resource=resource).count() == 1
    told = [message for message in mail.outbox if "conseiller@demo.spro.fr" in message.to]
    assert len(told) == 1 and TITLE in told[0].subject
    assert "Deux colonnes de moins" in told[0].body

    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.goto(resource_url)
    expect(page.get_by_text("Deux colonnes de moins, et une ligne sur la prise de parole.")).to_be_visible()
    page.get_by_role("link", name="Ajouter une version").click()
    look("ressources-nouvelle-version")


def test_a_visitor_reads_a_public_resource(page, live_server, demo_network, media_root, look):
    page.goto(f"{live_server.url}/ressources/")
    page.get_by_role("link", name="Bonne pratique : un accueil sans rendez-vous le mercredi").click()
    expect(page.get_by_role("link", name="Ouvrir la ressource")).to_be_visible()
    expect(page.get_by_role("heading", name="Raconter une réutilisation")).to_have_count(0)
    look("ressources-visiteur")
