"""User Markdown never runs as code: rendered, then sanitised with an allow-list."""

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from spro_portal.markdown import render_markdown


def test_markdown_renders_headings_lists_emphasis_and_links():
    html = render_markdown('## Nos missions\n\n- **accueil**\n- *conseil*\n\n[Région](https://region.fr "Site")')
    assert "<h2>Nos missions</h2>" in html
    assert "<li><strong>accueil</strong></li>" in html
    assert "<em>conseil</em>" in html
    assert '<a href="https://region.fr" title="Site" rel="noopener noreferrer">Région</a>' in html
    assert isinstance(html, SafeString)


def test_a_first_level_heading_becomes_a_second_level_one():
    assert render_markdown("# Titre") == "<h2>Titre</h2>"


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert('x')</script>Bonjour", "<script"),
        ("<script>alert('x')</script>Bonjour", "alert"),
        ('<p onclick="alert(1)">Bonjour</p>', "onclick"),
        ('<a href="#" onmouseover="alert(1)">lien</a>', "onmouseover"),
        ("[cliquez](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">lien</a>', "javascript:"),
        ('<p style="color: red">rouge</p>', "style"),
        ("<style>body { display: none }</style>texte", "display"),
        ("![photo](https://exemple.fr/x.png)", "<img"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<iframe src="https://exemple.fr"></iframe>', "<iframe"),
        ("[données](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ],
)
def test_dangerous_markup_is_stripped(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_tables_are_kept_without_inline_alignment_styles():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html
    assert "style" not in html


def test_the_template_filter_escapes_raw_html_instead_of_trusting_it():
    rendered = Template("{% load portal_markdown %}{{ text|markdown }}").render(
        Context({"text": "**gras** <script>alert(1)</script>"})
    )
    assert "<strong>gras</strong>" in rendered
    assert "<script" not in rendered


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_stored_html_is_cleaned_again_on_the_way_out():
    html = Template("{{ value|sanitized }}").render(
        Context({"value": '<p onclick="x()">ok</p><script>alert(1)</script>'})
    )
    assert html == "<p>ok</p>"


def test_a_text_cleaned_again_comes_out_the_same_and_still_clean():
    from spro_portal.markdown import sanitize

    dirty = '<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:x()">lien</a></p>'
    first, second = sanitize(dirty), sanitize(dirty)
    assert first == second == '<p>Bonjour <a rel="noopener noreferrer">lien</a></p>'
    assert isinstance(second, SafeString)
    assert sanitize(None) == sanitize("") == ""
