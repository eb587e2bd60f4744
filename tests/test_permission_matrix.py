"""Persona × page → expected status. Later issues add their pages to MATRIX."""

import pytest

from .conftest import PERSONAS

LOGIN = "login"  # an anonymous visitor is redirected to the login page

# page → {persona: expected status}; `structure` is the referent's CIO, `other_structure` a Mission locale elsewhere.
MATRIX = {
    "/": dict.fromkeys(PERSONAS, 200),
    "/structures/": dict.fromkeys(PERSONAS, 200),
    "/structures/cio-de-rennes/": dict.fromkeys(PERSONAS, 200),
    "/structures/cio-de-rennes/inviter/": {
        "anonymous": LOGIN,
        "adviser": 403,
        "referent": 200,
        "other_adviser": 403,
        "territorial_coordinator": 200,
        "regional_coordinator": 200,
        "staff": 403,
    },
    "/structures/mission-locale-du-pays-de-brest/inviter/": {
        "anonymous": LOGIN,
        "adviser": 403,
        "referent": 403,
        "other_adviser": 403,
        "territorial_coordinator": 403,
        "regional_coordinator": 200,
        "staff": 403,
    },
    **{
        page: {
            "anonymous": LOGIN,
            "adviser": 200,
            "referent": 200,
            "other_adviser": 200,
            "territorial_coordinator": 200,
            "regional_coordinator": 200,
            "staff": 403,
        }
        for page in [
            "/annuaire/",
            "/charte/",
            "/communaute/",
            "/ressources/",
            "/indicateurs/",
            "/recherche/",
        ]
    },
    "/coordination/": {
        "anonymous": LOGIN,
        "adviser": 403,
        "referent": 403,
        "other_adviser": 403,
        "territorial_coordinator": 200,
        "regional_coordinator": 200,
        "staff": 403,
    },
    "/admin/": {
        "anonymous": 302,
        "adviser": 302,
        "referent": 302,
        "other_adviser": 302,
        "territorial_coordinator": 302,
        "regional_coordinator": 302,
        "staff": 200,
    },
}

CASES = [(page, persona, expected) for page, row in MATRIX.items() for persona, expected in row.items()]


def test_matrix_covers_every_persona():
    for page, row in MATRIX.items():
        assert set(row) == set(PERSONAS), page


@pytest.mark.parametrize(("page", "persona", "expected"), CASES, ids=[f"{p} {who}" for p, who, _ in CASES])
def test_permission_matrix(client_for, page, persona, expected):
    response = client_for(persona).get(page)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == expected
