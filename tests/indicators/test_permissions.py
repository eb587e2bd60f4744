"""Persona × page and persona × action: who sees which values, who adopts, who enters, who validates."""

import pytest
from django.urls import reverse

from indicators.models import Report
from tests.utils import ALL_PERSONAS, LOGIN, assert_access, assert_matrix_complete, matrix_cases, persona_row

from .helpers import adopted_indicator, campaign, draft, in_discussion, report_with


@pytest.fixture
def objects(network):
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    item = campaign([indicator], [network.structure, network.other_structure])
    report_with(item, network.structure, {indicator: 10}, status=Report.Status.SUBMITTED)
    return {
        "indicator": indicator.slug,
        "draft": draft(network.adviser, network.structure).pk,
        "discussion": in_discussion(network.adviser, network.regional_coordinator, name="Autre").pk,
        "campaign": item.pk,
        "structure": network.structure.slug,
        "other_structure": network.other_structure.slug,
    }


def row(default, **exceptions):
    return persona_row(default, personas=ALL_PERSONAS, **({"staff": 403} | exceptions))


COORDINATORS = {"territorial_coordinator": 200, "regional_coordinator": 200}
PAGES = {
    "/indicateurs/": row(200),
    "/indicateurs/propositions/": row(200),
    "/indicateurs/propositions/nouvelle/": row(200),
    "/indicateurs/propositions/{draft}/": row(404, adviser=200, **COORDINATORS),
    "/indicateurs/propositions/{discussion}/": row(200),
    "/indicateurs/propositions/{draft}/modifier/": row(
        404, adviser=200, territorial_coordinator=403, regional_coordinator=403
    ),
    "/indicateurs/{indicator}/": row(200),
    "/indicateurs/{indicator}/export.csv": row(200),
    "/indicateurs/campagnes/": row(200),
    "/indicateurs/campagnes/nouvelle/": row(403, **COORDINATORS),
    "/indicateurs/campagnes/{campaign}/": row(200),
    "/indicateurs/campagnes/{campaign}/structures/{structure}/": row(404, adviser=200, referent=200, **COORDINATORS),
    "/indicateurs/campagnes/{campaign}/structures/{other_structure}/": row(
        404, other_adviser=200, other_referent=200, regional_coordinator=200
    ),
    "/indicateurs/a-valider/": row(403, **COORDINATORS),
}


def test_page_matrix_covers_every_persona():
    assert_matrix_complete(PAGES, ALL_PERSONAS)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(PAGES))
def test_page_matrix(client_for, objects, page, persona, expected):
    assert_access(client_for(persona), page.format(**objects), expected)


ACTIONS = {
    "comment on a proposal in discussion": (
        "indicators:proposal_comment",
        ["discussion"],
        {"body": "Bonne idée."},
        row(302),
    ),
    "take a position": (
        "indicators:proposal_position",
        ["discussion"],
        {"kind": "support"},
        row(302, territorial_coordinator=403, regional_coordinator=403),
    ),
    "open the discussion of a draft": (
        "indicators:proposal_open_discussion",
        ["draft"],
        {"ends_on": "2099-01-01"},
        row(404, adviser=403, territorial_coordinator=302, regional_coordinator=302),
    ),
    "adopt": (
        "indicators:proposal_decide",
        ["discussion"],
        {"decision": "adopt"},
        row(403, regional_coordinator=302),
    ),
    "enter the structure's report": (
        "indicators:report_save",
        ["campaign", "other_structure"],
        {"revision": 0},
        row(404, other_adviser=403, other_referent=302, territorial_coordinator=404, regional_coordinator=403),
    ),
    "validate a report": (
        "indicators:report_decide",
        ["campaign", "structure"],
        {"decision": "validate"},
        row(404, adviser=403, referent=403, **{"territorial_coordinator": 302, "regional_coordinator": 302}),
    ),
}
ACTION_CASES = [
    pytest.param(name, persona, expected, id=f"{name} {persona}")
    for name, (_, _, _, expectations) in ACTIONS.items()
    for persona, expected in expectations.items()
]


def test_action_matrix_covers_every_persona():
    assert_matrix_complete({name: action[3] for name, action in ACTIONS.items()}, ALL_PERSONAS)


@pytest.mark.parametrize(("name", "persona", "expected"), ACTION_CASES)
def test_action_matrix(client_for, objects, name, persona, expected):
    view, arg_names, data, _ = ACTIONS[name]
    path = reverse(view, args=[objects[arg] for arg in arg_names])
    response = client_for(persona).post(path, data)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == expected, response.content[:300]
        if expected == 302:
            assert not response["Location"].startswith("/compte/login/")
