"""A visitor, the demo referent and an invited person click through the portal as people would."""

import re

from django.core import mail
from playwright.sync_api import expect

from members.models import Membership, User
from tests.browser.helpers import log_in
from tests.factories import InvitationFactory


def test_visitor_sees_the_landing_page_and_the_directory(page, live_server, demo_network, look):
    page.goto(live_server.url)
    expect(page).to_have_title(re.compile("Accueil"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Un réseau pour mieux orienter, ensemble")
    look("accueil-visiteur")

    page.get_by_role("link", name="Trouver une structure près de chez vous").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les structures du réseau")
    look("annuaire-public")

    page.goto(f"{live_server.url}/communaute/")
    expect(page).to_have_url(re.compile("/compte/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    look("connexion")


def test_demo_referent_logs_in_through_the_form_and_sees_their_home(page, live_server, demo_network, look):
    log_in(page, live_server, "referent@demo.spro.fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    expect(page.get_by_text("Référent·e SPRO")).to_be_visible()
    expect(page.get_by_role("heading", name="À traiter")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Charte")
    ).to_be_visible()
    look("accueil-referent")


def test_wrong_password_is_refused_in_french(page, live_server, demo_network):
    log_in(page, live_server, "referent@demo.spro.fr", password="pas-le-bon", succeed=False)
    expect(page.get_by_text(re.compile("adresse e-mail ou le mot de passe sont incorrects", re.I))).to_be_visible()


def test_referent_invites_and_the_invited_person_joins(page, live_server, demo_network, look, browser):
    log_in(page, live_server, "referent@demo.spro.fr")
    page.get_by_role("link", name="Inviter une personne").first.click()
    page.get_by_label("Adresse e-mail de la personne invitée").fill("gwen.morvan@exemple.fr")
    page.get_by_label("Rôle").select_option(label="Conseiller·ère")
    look("invitation-formulaire")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation envoyée à gwen.morvan@exemple.fr")).to_be_visible()

    link = re.search(r"http://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    link = re.sub(r"^http://[^/]+", live_server.url, link)
    invited_context = browser.new_context(locale="fr-FR")
    invited = invited_context.new_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_contain_text("Rejoindre")
    invited.get_by_label("Prénom").fill("Gwen")
    invited.get_by_label(re.compile(r"^Nom\W*$")).fill("Morvan")
    invited.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("une-phrase-de-passe-solide")
    invited.get_by_label("Confirmez le mot de passe").fill("une-phrase-de-passe-solide")
    invited.get_by_role("button", name=re.compile("Créer mon compte")).click()
    expect(invited.get_by_text("Bienvenue dans le réseau")).to_be_visible()
    invited_context.close()
    membership = Membership.objects.get(user__email="gwen.morvan@exemple.fr")
    assert membership.structure.memberships.filter(user__email="referent@demo.spro.fr").exists()


def test_expired_invitation_explains_itself(page, live_server, demo_network, look):
    from datetime import timedelta

    from django.utils import timezone

    structure = Membership.objects.get(user__email="referent@demo.spro.fr").structure
    invitation = InvitationFactory(structure=structure, expires_at=timezone.now() - timedelta(days=1))
    page.goto(f"{live_server.url}/invitation/{invitation.token}/")
    expect(page.get_by_text("Cette invitation a expiré")).to_be_visible()
    look("invitation-expiree")
    assert not User.objects.filter(email=invitation.email).exists()


def test_referent_accepts_a_join_request_from_their_home(page, live_server, demo_network):
    log_in(page, live_server, "referent@demo.spro.fr")
    accept = page.get_by_role("button", name=re.compile("^Accepter")).first
    expect(accept).to_be_visible()
    accept.click()
    expect(page.get_by_text(re.compile("a été acceptée"))).to_be_visible()
