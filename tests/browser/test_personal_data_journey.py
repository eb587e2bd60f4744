"""In a real browser: an adviser downloads « Mes données », looks at their sessions, then closes their account; what
they wrote stays, signed « ancien·ne membre d'un CIO », and they cannot log in any more. A visitor reads the legal
pages."""

import io
import re
import zipfile
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from members.models import Membership, User
from practices.models import Post
from tests.browser.helpers import DEMO_PASSWORD, log_in, log_out

ADVISER = "conseiller@demo.spro.fr"


def test_my_data_then_closing_my_account(page, live_server, demo_network, media_root, look):
    person = User.objects.get(email=ADVISER)
    old_name = person.get_full_name()
    written = Post.objects.filter(author=person, topic__working_group__isnull=True).select_related("topic").first()
    assert written is not None, "la démo doit donner au moins un message à ce compte"

    log_in(page, live_server, ADVISER)
    page.get_by_role("link", name="Mon profil").click()
    page.get_by_role("link", name="Mes données : tout ce que le portail garde sur moi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    look("mes-donnees")
    page.get_by_role("button", name="Préparer l'archive de mes données").click()
    expect(page.get_by_text("Votre archive est prête")).to_be_visible()
    assert [message.to for message in mail.outbox if "Vos données sont prêtes" in message.subject] == [[ADVISER]]
    look("mes-donnees-prete")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Télécharger l'archive")).click()
    download = download_info.value
    assert re.fullmatch(r"mes-donnees-spro-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert {"profil.csv", "forum_messages.csv", "connexions.csv", "donnees.json"} <= set(archive.namelist())
    assert ADVISER in archive.read("profil.csv").decode("utf-8-sig")

    page.goto(f"{live_server.url}/compte/sessions/")
    expect(page.get_by_text("cet appareil")).to_be_visible()
    look("mes-sessions")

    page.goto(f"{live_server.url}/compte/profil/")
    page.get_by_role("link", name="Fermer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fermer mon compte")
    page.get_by_label("Votre mot de passe").fill("pas-le-bon")
    page.get_by_label(re.compile("^J'ai compris")).check()
    page.get_by_role("button", name="Fermer mon compte").click()
    expect(page.get_by_text("Ce mot de passe n'est pas le bon.")).to_be_visible()
    look("fermer-mon-compte-erreur")
    page.get_by_label("Votre mot de passe").fill(DEMO_PASSWORD)
    page.get_by_label(re.compile("^J'ai compris")).check()
    look("fermer-mon-compte")
    page.get_by_role("button", name="Fermer mon compte").click()
    expect(page.get_by_text("Votre compte est fermé.")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    look("compte-ferme")

    log_in(page, live_server, ADVISER, succeed=False)
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)

    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}{written.topic.get_absolute_url()}")
    main = page.get_by_role("main")
    expect(main.get_by_text("ancien·ne membre d'un CIO").first).to_be_visible()
    expect(main.get_by_text(old_name)).to_have_count(0)
    look("sujet-ancien-membre")


def test_a_visitor_reads_the_legal_pages_from_the_footer(page, live_server, demo_network, look):
    page.goto(f"{live_server.url}/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Accessibilité : partiellement conforme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d'accessibilité")
    look("declaration-accessibilite")
    page.get_by_role("contentinfo").get_by_role("link", name="Données personnelles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données personnelles")
    look("donnees-personnelles")
    page.get_by_role("contentinfo").get_by_role("link", name="Plan du site").click()
    expect(page.get_by_role("heading", name=re.compile("^Coordination"))).to_be_visible()
    look("plan-du-site")
    page.get_by_role("contentinfo").get_by_role("link", name="Mentions légales").click()
    look("mentions-legales")


def test_the_last_referent_asks_and_the_territory_coordinator_confirms(page, live_server, demo_network, look):
    referent = User.objects.get(email="referent@demo.spro.fr")
    structure = referent.memberships.get(is_active=True).structure
    # The CIO de Brest keeps one referent only, so that closing needs the coordination's confirmation.
    Membership.objects.filter(structure=structure, role=Membership.Role.REFERENT).exclude(user=referent).update(
        role=Membership.Role.ADVISER
    )

    log_in(page, live_server, "referent@demo.spro.fr")
    page.goto(f"{live_server.url}/compte/fermer/")
    expect(page.get_by_text("la coordination du SPRO confirmera la fermeture")).to_be_visible()
    page.get_by_label("Votre mot de passe").fill(DEMO_PASSWORD)
    page.get_by_label(re.compile("^J'ai compris")).check()
    page.get_by_role("button", name="Demander la fermeture de mon compte").click()
    expect(page.get_by_text("Votre demande est envoyée à la coordination du SPRO")).to_be_visible()
    look("fermeture-demandee")
    log_out(page)

    log_in(page, live_server, "territoire@demo.spro.fr")
    page.get_by_role("link", name="Voir les demandes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fermetures de compte à confirmer")
    look("coordination-fermetures")
    page.get_by_role("button", name=re.compile("^Confirmer la fermeture")).click()
    expect(page.get_by_text("Le compte est fermé.")).to_be_visible()
    expect(page.get_by_text("Aucune demande de fermeture n'attend.")).to_be_visible()
    referent.refresh_from_db()
    assert referent.is_closed and referent.former_label == "ancien·ne membre d'un CIO"
