"""Every URL is login-protected unless it is on the explicit public list below."""

import re

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

# Route names a visitor may open without logging in. Adding one here is a product decision.
PUBLIC_ROUTES = {
    "home",
    "members:structure_directory",
    "members:structure_detail",
    "members:invitation_accept",
    # the library: visitors read public resources (the permissions show them nothing else).
    "practices:resources",
    "practices:resource",
    "practices:resource_download",
    # What a French public-service site owes everyone: personal data, accessibility, legal notice, site map.
    "privacy:personal_data",
    "privacy:accessibility",
    "privacy:legal_notice",
    "privacy:site_map",
    # The one-click unsubscribe link of the digest e-mails: its signed token is the authentication.
    "digest:unsubscribe",
    # allauth: the pages a person needs before they have a session.
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_login_code_confirm",
    "account_confirm_login_code",
    "account_request_login_code",
    "account_confirm_password_reset_code",
    "account_reset_password_code",
}


def walk(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns and namespace and pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}"
            yield from walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern.callback


def all_routes():
    return [(route, name, view) for route, name, view in walk(get_resolver().url_patterns)]


def is_public(view):
    return getattr(view, "login_required", True) is False


def test_every_anonymously_reachable_view_is_on_the_public_list():
    unexpected = sorted(
        f"{route} ({name})"
        for route, name, view in all_routes()
        if is_public(view) and not route.startswith("admin/") and name not in PUBLIC_ROUTES
    )
    assert unexpected == [], "Vues publiques hors liste : " + ", ".join(unexpected)


def test_the_public_list_names_real_routes():
    names = {name for _, name, _ in all_routes()}
    stale = {name for name in PUBLIC_ROUTES if name not in names and not name.startswith("account_")}
    assert stale == set()


def _example_path(route, id_value="1"):
    """Fill route converters with plausible values so the middleware can be exercised."""
    path = re.sub(r"<(int|id):\w+>", id_value, route)
    path = re.sub(r"<(slug|str|uuid|path):\w+>", "exemple", path)
    path = re.sub(r"<\w+>", "exemple", path)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_on_every_private_page(client):
    checked = 0
    for route, name, view in all_routes():
        if is_public(view) or route.startswith("admin/") or "(?P" in route or route.startswith("^"):
            continue
        path = _example_path(route)
        response = client.get(path)
        assert response.status_code == 302, f"{path} ({name}) a répondu {response.status_code}"
        assert response["Location"].startswith("/compte/login/"), path
        checked += 1
    assert checked >= 8


HUGE_ID = "99999999999999999999"  # beyond 2**63 - 1: SQLite cannot even bind it


def _project_routes():
    return [(route, name) for route, name, _ in all_routes() if not route.startswith(("admin/", "compte/"))]


def test_every_project_route_takes_ids_through_the_id_converter():
    assert [route for route, _ in _project_routes() if "<int:" in route] == []


def test_a_huge_id_matches_no_route():
    routes = [route for route, _ in _project_routes() if "<id:" in route]
    assert len(routes) >= 15
    for route in routes:
        with pytest.raises(Resolver404):
            resolve(_example_path(route, HUGE_ID))


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_huge_id_is_a_404_for_everyone(client_for, network, method):
    staff, coordinator = client_for("staff"), client_for("regional_coordinator")
    for route, name in _project_routes():
        if "<id:" not in route:
            continue
        path = _example_path(route, HUGE_ID)
        for client in (staff, coordinator):
            response = getattr(client, method)(path)
            assert response.status_code == 404, f"{path} ({name}) a répondu {response.status_code}"
