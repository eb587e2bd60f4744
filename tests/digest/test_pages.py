"""The preferences page, the no-login unsubscribe link (and RFC 8058 one-click POST), the digest in the browser,
and the e-mail itself: headers, HTML and text parts, absolute links, French greeting."""

import re

import pytest
from django.core import mail, signing
from django.test import Client

from spro_portal.digest import preferences, services, tokens
from spro_portal.digest.models import Frequency, Preference
from tests.utils import (
    assert_access,
    assert_matrix_complete,
    assert_one_h1_and_no_inline_code,
    matrix_cases,
    persona_row,
    text,
)

pytestmark = pytest.mark.django_db
PREFERENCES = "/compte/preferences/"
BROWSER = "/compte/resume/2026-11/"

MATRIX = {
    PREFERENCES: persona_row(200),
    BROWSER: persona_row(200),
}
assert_matrix_complete(MATRIX)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_pages_are_for_every_logged_in_person(client_for, page, persona, expected):
    response = assert_access(client_for(persona), page, expected)
    if expected == 200:
        assert_one_h1_and_no_inline_code(text(response))


def test_a_person_changes_their_digest_frequency_and_notification_kinds(client_for, network):
    response = client_for("adviser").post(
        PREFERENCES, {"digest": Frequency.WEEKLY, "notify_mentions": "on", "notify_deadlines": "on"}, follow=True
    )
    assert "Vos préférences d'e-mails sont enregistrées." in text(response)
    saved = Preference.objects.get(user=network.adviser)
    assert saved.digest == Frequency.WEEKLY
    assert preferences.wants(network.adviser, "mentions") and preferences.wants(network.adviser, "deadlines")
    assert not preferences.wants(network.adviser, "replies")
    assert not Preference.objects.exclude(user=network.adviser).exists()  # nobody else's preferences changed


def test_a_bad_frequency_is_refused_in_french_and_nothing_saved(client_for, network):
    response = client_for("adviser").post(PREFERENCES, {"digest": "hourly"})
    assert response.status_code == 200
    assert "n'ont pas été enregistrées" in text(response)
    assert not Preference.objects.exists()


def test_without_a_choice_every_notification_is_wanted(network):
    assert all(preferences.wants(network.referent, kind) for kind in preferences.NOTIFICATION_KINDS)


def test_the_preferences_page_shows_the_defaults_checked(client_for):
    page = text(client_for("referent").get(PREFERENCES))
    assert re.search(r'value="monthly"[^>]*checked', page)
    assert page.count("checked") == 6


# Unsubscribe


def unsubscribe_url(user, token=None):
    return f"/compte/desabonnement/{token or tokens.make(user)}/"


def test_the_link_shows_a_confirmation_without_login_and_changes_nothing(network):
    response = Client().get(unsubscribe_url(network.adviser))
    assert response.status_code == 200
    assert "Me désabonner du résumé" in text(response) and network.adviser.email in text(response)
    assert not Preference.objects.exists()


def test_the_confirmation_button_unsubscribes_without_login_or_csrf_token(network):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(network.adviser))
    assert response.status_code == 200
    assert "Vous ne recevrez plus le résumé" in text(response)
    assert Preference.objects.get(user=network.adviser).digest == Frequency.NEVER


def test_the_rfc_8058_one_click_post_of_a_mail_client_unsubscribes(network):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(network.referent),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Preference.objects.get(user=network.referent).digest == Frequency.NEVER


def test_unsubscribing_keeps_the_notification_choices(network):
    Preference.objects.create(user=network.adviser, notify_mentions=False)
    Client().post(unsubscribe_url(network.adviser))
    saved = Preference.objects.get(user=network.adviser)
    assert (saved.digest, saved.notify_mentions, saved.notify_replies) == (Frequency.NEVER, False, True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_gets_a_clear_french_page(network, method):
    token = tokens.make(network.adviser)
    forged = signing.dumps(network.referent.pk, salt="autre-chose")
    for bad in (token[:-2] + "xx", forged, "n-importe-quoi"):
        response = getattr(Client(), method)(unsubscribe_url(None, bad))
        assert response.status_code == 400
        assert "Ce lien de désabonnement n'est pas valable" in text(response)
    assert not Preference.objects.exists()


def test_an_expired_token_gets_a_clear_french_page(network, settings):
    token = tokens.make(network.adviser)
    settings.DIGEST_UNSUBSCRIBE_MAX_AGE = -1
    response = Client().post(unsubscribe_url(None, token))
    assert response.status_code == 400
    assert "Ce lien de désabonnement a expiré" in text(response)
    assert not Preference.objects.exists()


def test_the_token_of_a_deactivated_account_does_nothing(network):
    token = tokens.make(network.adviser)
    network.adviser.is_active = False
    network.adviser.save()
    assert Client().post(unsubscribe_url(None, token)).status_code == 400


# The digest in the browser


def test_the_logged_in_person_reads_their_own_digest(client_for, digest_network):
    page = text(client_for("referent").get(BROWSER))
    assert "Résumé : novembre 2026" in page
    assert "Engagements de CIO de Rennes" in page and "déposés, en attente de la revue" in page


def test_an_empty_digest_says_it_will_not_be_sent(client_for, digest_network):
    assert "ce résumé ne sera pas envoyé" in text(client_for("adviser").get(BROWSER))


def test_nobody_but_staff_opens_another_persons_digest(client_for, digest_network):
    url = f"{BROWSER}?personne={digest_network.referent.pk}"
    for persona in ("adviser", "other_referent", "regional_coordinator"):
        assert client_for(persona).get(url).status_code == 403


def test_staff_previews_anyones_digest(client_for, digest_network):
    page = text(client_for("staff").get(f"{BROWSER}?personne={digest_network.referent.pk}"))
    assert "Aperçu du résumé de" in page and digest_network.referent.email in page
    assert "Engagements de CIO de Rennes" in page


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "0"])
def test_staff_preview_of_an_unknown_person_is_a_404(client_for, digest_network, value):
    assert client_for("staff").get(f"{BROWSER}?personne={value}").status_code == 404


@pytest.mark.parametrize("period", ["2026-13", "demain"])
def test_a_bad_period_in_the_address_is_a_404(client_for, period):
    assert client_for("referent").get(f"/compte/resume/{period}/").status_code == 404


# The e-mail


@pytest.fixture
def referent_email(digest_network, period, settings):
    settings.SITE_URL = "https://portail.exemple.fr"
    services.send_digest_email(services.build(digest_network.referent, period))
    [message] = mail.outbox
    return message


def test_the_email_has_the_one_click_unsubscribe_headers(referent_email, digest_network):
    header = referent_email.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https://portail\.exemple\.fr/compte/desabonnement/[^/>]+/>", header)
    assert referent_email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = header.split("/desabonnement/")[1].rstrip("/>")
    assert tokens.read(token) == digest_network.referent.pk
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in referent_email.message().as_string()


def test_the_email_has_html_and_text_parts_in_french(referent_email, digest_network):
    assert referent_email.subject == "[SPRO] Votre résumé du SPRO : novembre 2026"
    [(html, mimetype)] = referent_email.alternatives
    assert mimetype == "text/html"
    name = digest_network.referent.first_name
    assert referent_email.body.startswith(f"Bonjour {name},")
    assert f"Bonjour {name}," in html
    for part in (referent_email.body, html):
        assert "Charte et engagements" in part
        assert "Ne plus recevoir ce résumé" in part
        assert "Choisir la fréquence des résumés et les notifications" in part


def test_every_link_of_the_email_is_absolute_under_site_url(referent_email):
    [(html, _)] = referent_email.alternatives
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("https://portail.exemple.fr") for link in links)
    for path in ("/compte/preferences/", "/compte/resume/2026-11/", "/charte/engagements/", "/compte/desabonnement/"):
        assert f"https://portail.exemple.fr{path}" in referent_email.body
