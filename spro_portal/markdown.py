"""Markdown written by people, rendered to HTML that can only contain what the allow-list below permits."""

import functools
import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def render_markdown(text):
    """Markdown → HTML sanitised with an allow-list; only the sanitised result is marked safe."""
    html = markdown_lib.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    # The page has its own <h1>: a heading written as "# Titre" becomes a second-level heading.
    html = _H1.sub(r"<\1h2", html)
    return sanitize(html)


def sanitize(html):
    """HTML cleaned with the portal's allow-list (nh3), marked safe: the only HTML of users a page may show."""
    return mark_safe(_clean(html or ""))  # safe: this is nh3's output, not the raw text


# The same text always comes out the same: a topic's page cleans again the 20 posts it shows on every request, so
# the last texts cleaned are kept (by their whole text: nothing can go stale) instead of cleaning them each time.
@functools.lru_cache(maxsize=2048)
def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
