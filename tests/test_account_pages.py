"""The account pages a member meets (allauth's) are drawn in the portal's layout, in French, under the strict CSP."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str

from tests.utils import assert_no_inline_code, text

ENGLISH = re.compile(
    r"\b(Email|Password|Sign (In|Out|Up)|Change|Reset|Verified|Unverified|Primary|Remove|Confirm|Re-send|Add)\b"
)


def assert_portal_page(response, *, french):
    """A 200 page in the portal's frame, in French, with nothing inline the CSP would block."""
    assert response.status_code == 200
    html = text(response)
    assert '<header class="site-header"' in html
    assert 'aria-label="Navigation principale"' in html
    assert ' style="' not in html
    assert_no_inline_code(html)
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    visible = re.sub(r"<[^>]+>", " ", main)
    assert french in visible
    assert not ENGLISH.search(visible), ENGLISH.search(visible)
    assert not re.search(r"(?i)(?<![\w-])(courriels?|e?mails?)(?![\w@.-])", visible), visible
    return html


@pytest.fixture
def adviser_client(client, network):
    client.force_login(network.adviser)
    return client


def reset_key_path(user):
    return f"/compte/password/reset/key/{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}/"


MEMBER_PAGES = {
    "/compte/email/": "Mes adresses e-mail",
    "/compte/password/change/": "Modifier le mot de passe",
    "/compte/logout/": "Se déconnecter",
    "/compte/reauthenticate/": "Confirmer l'accès",
}
VISITOR_PAGES = {
    "/compte/password/reset/": "Mot de passe oublié",
    "/compte/password/reset/done/": "Nous vous avons envoyé un e-mail",
    "/compte/password/reset/key/done/": "mot de passe a été modifié",
    "/compte/password/reset/key/1-pas-un-jeton/": "Le lien de réinitialisation",
    "/compte/confirm-email/": "Vérifiez votre adresse e-mail",
    "/compte/confirm-email/pas-une-cle/": "Ce lien de confirmation",
    "/compte/inactive/": "Compte inactif",
}


@pytest.mark.parametrize("path, french", MEMBER_PAGES.items())
def test_member_account_pages_are_portal_pages_in_french(adviser_client, path, french):
    assert_portal_page(adviser_client.get(path), french=french)


@pytest.mark.django_db
@pytest.mark.parametrize("path, french", VISITOR_PAGES.items())
def test_visitor_account_pages_are_portal_pages_in_french(client, path, french):
    assert_portal_page(client.get(path), french=french)


def test_the_new_password_page_of_a_reset_link_is_a_portal_page(client, network):
    response = client.get(reset_key_path(network.adviser), follow=True)
    assert_portal_page(response, french="Nouveau mot de passe")


def test_the_confirm_email_page_is_a_portal_page(client, network):
    address = EmailAddress.objects.create(user=network.adviser, email="autre@exemple.fr")
    key = EmailConfirmationHMAC(address).key
    html = assert_portal_page(client.get(f"/compte/confirm-email/{key}/"), french="Confirmer")
    assert "autre@exemple.fr" in html


def test_a_verified_address_says_so_and_offers_no_new_verification(adviser_client):
    html = assert_portal_page(adviser_client.get("/compte/email/"), french="vérifiée")
    assert "conseiller@cio-rennes.fr" in html
    assert 'name="action_send"' not in html
    assert ">principale<" in html


def test_an_unverified_address_can_get_a_new_verification_e_mail(adviser_client, network):
    EmailAddress.objects.create(user=network.adviser, email="perso@exemple.fr", verified=False)
    html = assert_portal_page(adviser_client.get("/compte/email/"), french="non vérifiée")
    assert html.count('name="action_send"') == 1
    form = re.search(r'<form[^>]*>(?:(?!</form>).)*value="perso@exemple.fr".*?</form>', html, re.S).group(0)
    assert 'name="action_send"' in form
