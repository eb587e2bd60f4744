"""Watching, mentions and moderation in a real browser: an adviser follows a category, a colleague asks there, the
adviser is e-mailed and notified, mentions the colleague in a reply; the colleague reports nothing but is
notified; a coordinator hides a reported post from the moderation queue."""

import re

from django.core import mail
from playwright.sync_api import expect

from practices.models import Post
from tests.browser.helpers import log_in, log_out

TITLE = "Un jeune de 19 ans veut reprendre ses études : par où passer ?"
ADVISER_A = "conseiller@demo.spro.fr"
ADVISER_B = "conseiller.autre@demo.spro.fr"


def test_watch_be_notified_mention_and_moderate(page, live_server, demo_network, look):
    mail.outbox.clear()
    log_in(page, live_server, ADVISER_A)
    page.goto(f"{live_server.url}/communaute/categories/accueil/")
    page.get_by_label("Suivre cette catégorie").select_option("watching")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Vous suivez cette catégorie")).to_be_visible()
    look("forum-suivre-categorie")
    log_out(page)

    log_in(page, live_server, ADVISER_B)
    page.goto(f"{live_server.url}/communaute/categories/accueil/")
    page.get_by_role("link", name="Poser une question").click()
    page.get_by_label("Titre de votre question").fill(TITLE)
    page.get_by_label("Détaillez la situation").fill("Il a quitté le lycée il y a deux ans. **DAEU ou VAE ?**")
    page.get_by_role("button", name="Publier la question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    log_out(page)

    to_a = [message for message in mail.outbox if ADVISER_A in message.to]
    assert len(to_a) == 1 and TITLE in to_a[0].subject, [m.subject for m in mail.outbox]
    assert "/communaute/sujets/" in to_a[0].body

    log_in(page, live_server, ADVISER_A)
    page.goto(f"{live_server.url}/communaute/notifications/")
    expect(page.get_by_role("heading", name=re.compile(r"\d+ non lues?"))).to_be_visible()
    row = page.locator(".notification--unread", has_text=TITLE)
    expect(row).to_contain_text("a ouvert le sujet")
    look("forum-notifications")
    row.get_by_role("button", name=re.compile("Un jeune de 19 ans")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("textbox", name="Votre réponse").fill(
        "@conseiller.autre le DAEU se prépare en un an ; le point relais conseil VAE aide pour la VAE."
    )
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_text("Votre réponse est publiée")).to_be_visible()
    expect(page.locator("#message-2 a", has_text="@conseiller.autre")).to_be_visible()
    log_out(page)

    log_in(page, live_server, ADVISER_B)
    page.goto(f"{live_server.url}/communaute/notifications/")
    expect(page.locator(".notification--unread", has_text=TITLE)).to_contain_text("vous a mentionné·e dans")
    assert any(ADVISER_B in message.to and "mentionne" in message.subject for message in mail.outbox)
    look("forum-notifications-mention")
    page.get_by_role("button", name="Tout marquer comme lu").click()
    expect(page.get_by_text("Toutes vos notifications sont lues.")).to_be_visible()
    # B reports A's reply (it names no one, but B thinks it is misleading).
    page.locator(".notification", has_text=TITLE).get_by_role("button").first.click()
    page.locator("#message-2").get_by_role("link", name="Signaler").click()
    page.get_by_label("Ce qui ne va pas dans ce message").fill("Information inexacte sur le DAEU.")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.get_by_text("Merci : la modération va examiner ce message.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "coordination@demo.spro.fr")
    page.goto(f"{live_server.url}/coordination/moderation/")
    card = page.locator(".moderation-list > li", has_text="Information inexacte sur le DAEU.")
    expect(card).to_be_visible()
    look("forum-moderation")
    card.get_by_label("Motif du masquage (montré à l'auteur·rice)").fill("Information à vérifier avant diffusion.")
    card.get_by_role("button", name="Masquer le message").click()
    expect(page.get_by_text("Le message est masqué")).to_be_visible()
    post = Post.objects.get(topic__title=TITLE, number=2)
    assert post.is_hidden and post.body
    look("forum-moderation-apres")
