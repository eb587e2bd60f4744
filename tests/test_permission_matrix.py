"""Persona × page → expected status. Later issues add their pages to MATRIX."""

import pytest

from tests.utils import PERSONAS, assert_access, assert_matrix_complete, matrix_cases, persona_row

# page → {persona: expected status}; `structure` is the referent's CIO, `other_structure` a Mission locale elsewhere.
# `persona_row(default, **exceptions)`: `default` for every persona, LOGIN for the anonymous visitor, then exceptions.
MATRIX = {
    "/": dict.fromkeys(PERSONAS, 200),
    "/structures/": dict.fromkeys(PERSONAS, 200),
    "/structures/cio-de-rennes/": dict.fromkeys(PERSONAS, 200),
    "/structures/cio-de-rennes/inviter/": persona_row(
        403, referent=200, territorial_coordinator=200, regional_coordinator=200
    ),
    "/structures/mission-locale-du-pays-de-brest/inviter/": persona_row(403, regional_coordinator=200),
    **{
        page: persona_row(200, staff=403)
        for page in [
            "/annuaire/",
            "/charte/",
            "/communaute/",
            "/indicateurs/",
            "/recherche/",
        ]
    },
    "/ressources/": dict.fromkeys(PERSONAS, 200),  # visitors see the public resources
    "/coordination/": persona_row(403, territorial_coordinator=200, regional_coordinator=200),
    "/admin/": persona_row(302, anonymous=302, staff=200),
    "/compte/session/": persona_row(200),
}


def test_matrix_covers_every_persona():
    assert_matrix_complete(MATRIX)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_permission_matrix(client_for, page, persona, expected):
    assert_access(client_for(persona), page, expected)
