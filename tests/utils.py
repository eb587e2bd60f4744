"""Helpers shared by the test modules: reading a page, the persona × page permission matrices, markup checks."""

import html
import io
import os
import re

import pytest
from django.core.management import call_command

# The personas of the `network` fixture (tests/conftest.py). `client_for(persona)` logs in as one of them.
PERSONAS = [
    "anonymous",
    "adviser",
    "referent",
    "other_adviser",
    "territorial_coordinator",
    "regional_coordinator",
    "staff",
]
# The same with the referent of the other structure, for the pages where that referent's rights differ.
ALL_PERSONAS = [*PERSONAS[:4], "other_referent", *PERSONAS[4:]]

LOGIN = "login"  # expected outcome: the visitor is redirected to the login page (/compte/login/…)


def text(response):
    """The page as a person reads it: decoded and with HTML entities (&#x27; …) turned back into characters."""
    return html.unescape(response.content.decode())


def plain_spaces(html_text):
    """The no-break spaces of French typography (before « : », between a number and its unit…) as ordinary spaces."""
    return html_text.replace("\u202f", " ").replace("\xa0", " ")


def seed_demo(**options):
    """Run `manage.py seed_demo` (DEBUG must be on) and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


# Permission matrices: {page: {persona: expected}}, expected being a status code or LOGIN.


def persona_row(default, *, personas=PERSONAS, anonymous=LOGIN, **exceptions):
    """One row of a matrix: `default` for every persona, LOGIN for the anonymous visitor, then the exceptions."""
    return {**dict.fromkeys(personas, default), "anonymous": anonymous, **exceptions}


def assert_status(response, expected, *, says=None):
    """`expected` is a status code, or LOGIN for a redirect to the login page. `says` maps a status to a text the page
    must then contain, e.g. {404: "Page introuvable"}."""
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == expected
    if says and expected in says:
        assert says[expected] in text(response)


def assert_access(client, url, expected, method="get", data=None, *, says=None):
    """Open `url` with `client` (GET, or `method="post"` with `data`), check the outcome and return the response."""
    response = getattr(client, method)(url, data or {})
    assert_status(response, expected, says=says)
    return response


def matrix_cases(matrix):
    """The (page, persona, expected) parameters of a matrix, with readable ids such as "/annuaire/ staff"."""
    return [
        pytest.param(page, persona, expected, id=f"{page} {persona}")
        for page, expectations in matrix.items()
        for persona, expected in expectations.items()
    ]


def assert_matrix_complete(matrix, personas=PERSONAS):
    """Every row of the matrix says what happens to every persona, no more, no less."""
    for page, expectations in matrix.items():
        assert set(expectations) == set(personas), page


# Markup


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")
INLINE_HANDLER = re.compile(r"\son[a-z]+=")


def assert_no_inline_code(html_text):
    """Nothing the strict CSP would block: no inline script, style attribute, style element or event handler."""
    assert not INLINE_SCRIPT.search(html_text), "script inline"
    assert " style=" not in html_text
    assert "<style" not in html_text
    assert not INLINE_HANDLER.search(html_text), "gestionnaire d'événement inline"


def assert_one_h1_and_no_inline_code(html_text):
    """One level-1 heading, and nothing the strict CSP would block."""
    assert html_text.count("<h1") == 1
    assert_no_inline_code(html_text)


def redis_url_or_skip(what):
    """REDIS_URL for a test of the real Redis (`what`: « le vrai broker Redis »…): skipped without it, except on CI,
    which must test the real thing and fails instead."""
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"REDIS_URL n'est pas défini : la CI doit tester {what}.", pytrace=False)
        pytest.skip(f"REDIS_URL non défini : {what} est testé en CI (.ci/run).")
    return url


def counting(monkeypatch, module, name):
    """Replace `module.name` by a wrapper counting its calls; returns the counter (a one-item list)."""
    calls = [0]
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def forget_shared_pages():
    """Drop the whole pages spro_portal.shared_pages keeps in the test's local-memory cache: the next request
    builds its page again, from the fragments (for the tests of the fragments themselves)."""
    from django.core.cache import caches

    cache = caches["default"]
    for stored in [key for key in cache._cache if ":fragment:page:" in key]:
        cache.delete(stored.split(":", 2)[2])
