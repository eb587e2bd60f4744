"""spro_portal.redirects.safe_next: back to a local path, never elsewhere, never a 500."""

import pytest
from django.test import RequestFactory

from spro_portal.redirects import safe_next


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/structures/?page=2", "/structures/?page=2"),
        ("/", "/"),
        ("abc", "/"),
        ("home", "/"),
        ("https://pirate.example/", "/"),
        ("//pirate.example/", "/"),
        ("/\\pirate.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_safe_next(next_url, expected):
    assert safe_next(RequestFactory().post("/x/", {"next": next_url}), "home") == expected


def test_safe_next_reads_the_query_string_too():
    assert safe_next(RequestFactory().get("/x/", {"next": "/annuaire/"}), "/") == "/annuaire/"
