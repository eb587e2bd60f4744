"""Security headers and the strict CSP: nothing inline that the policy would block."""

import pytest

from tests.utils import assert_no_inline_code, text

PAGES = [
    "/",
    "/structures/",
    "/compte/login/",
    "/compte/signup/",
    "/compte/password/reset/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_public_pages_send_strict_security_headers(client, page):
    response = client.get(page)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("persona", ["anonymous", "referent", "regional_coordinator"])
@pytest.mark.parametrize("page", PAGES[:2] + ["/structures/cio-de-rennes/inviter/"])
def test_pages_have_no_inline_script_or_style(client_for, persona, page):
    assert_no_inline_code(text(client_for(persona).get(page)))


@pytest.mark.django_db
def test_pages_are_in_french(client):
    html = text(client.get("/"))
    assert '<html lang="fr">' in html
    login = text(client.get("/compte/login/"))
    assert "Mot de passe" in login
    assert "Sign In" not in login


def test_state_changing_views_refuse_get(client_for, network):
    from tests.factories import JoinRequestFactory

    join_request = JoinRequestFactory(structure=network.structure)
    response = client_for("referent").get(f"/structures/demandes/{join_request.pk}/accepter/")
    assert response.status_code == 405


def test_forms_require_csrf(network):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(network.referent)
    response = client.post(
        "/structures/cio-de-rennes/inviter/",
        {"email": "x@exemple.fr", "role": "adviser"},
    )
    assert response.status_code == 403
    assert "Formulaire expiré" in text(response)
