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


# Caching: what a member sees stays out of shared caches and the browser's disk; public pages stay cacheable.


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("page", ["/", "/structures/", "/compte/profil/"])
def test_pages_for_a_logged_in_member_are_never_stored(client_for, page):
    response = client_for("adviser").get(page)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_csv_exports_are_never_stored(client_for):
    response = client_for("regional_coordinator").get("/coordination/structures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert {"private", "no-store"} <= cache_control(response)


def test_evidence_downloads_are_never_stored(client_for, network, settings, tmp_path):
    from members.services.commitments import commitment_set_start
    from tests.factories import FileEvidenceFactory, open_cycle, published_charter

    settings.MEDIA_ROOT = tmp_path
    published_charter(items=1)
    commitment_set = commitment_set_start(structure=network.structure, cycle=open_cycle())
    evidence = FileEvidenceFactory(commitment=commitment_set.commitments.get())
    response = client_for("referent").get(f"/charte/preuves/{evidence.pk}/")
    response.close()
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/", "/structures/"])
def test_public_pages_for_visitors_stay_cacheable(client, page):
    response = client.get(page)
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)


def test_an_attachment_is_never_stored_even_for_a_visitor(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from spro_portal.middleware import PrivateCacheMiddleware

    request = rf.get("/export.csv")
    request.user = AnonymousUser()
    attachment = HttpResponse("a;b", headers={"Content-Disposition": 'attachment; filename="a.csv"'})
    response = PrivateCacheMiddleware(lambda request: attachment)(request)
    assert {"private", "no-store"} <= cache_control(response)


def test_a_cache_control_chosen_by_the_view_is_kept(rf, network):
    from django.http import HttpResponse

    from spro_portal.middleware import PrivateCacheMiddleware

    request = rf.get("/")
    request.user = network.adviser
    chosen = HttpResponse("ok", headers={"Cache-Control": "max-age=60"})
    response = PrivateCacheMiddleware(lambda request: chosen)(request)
    assert response["Cache-Control"] == "max-age=60"
