"""The page frame every page shares: htmx told not to inject styles, the navigation folding without JavaScript."""

import re

import pytest

from tests.utils import text


@pytest.mark.django_db
def test_htmx_is_configured_before_it_loads_so_it_injects_no_inline_style(client):
    html = text(client.get("/"))
    config = html.index('<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>')
    assert config < html.index("/static/django_htmx/htmx")


def test_the_navigation_folds_behind_a_menu_button_and_marks_the_current_page(client_for):
    html = text(client_for("adviser").get("/structures/"))
    nav = re.search(r'<nav class="main-nav" aria-label="Navigation principale">.*?</nav>', html, re.S).group(0)
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>Menu</summary>", nav)
    assert re.search(r'<a href="/structures/" aria-current="page">Structures</a>', nav)


def test_the_stylesheet_holds_the_htmx_indicator_rules_and_wraps_long_strings():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static" / "css" / "portal.css").read_text(encoding="utf-8")
    assert ".htmx-indicator { opacity: 0;" in css
    assert ".htmx-request .htmx-indicator" in css
    assert "overflow-wrap: anywhere" in css
