"""Whole page contents shared by the readers who would see exactly the same thing; spro_portal.fragments does it
for pieces of a page, this module for everything a page template fills: its title, description, head, content and
end of body. The layout around them (the reader's name, menu, notifications, messages) is built for each request.

A view names what its content depends on besides its URL (which is always in the key): `parts` — usually the
reader's `actor.role_key`, what their permissions read — and the generations renewed when something the key cannot
see changes. So a content is only shared between readers whose permission modules answer alike: never for a page
that reads who the reader is (`actor.user`), their name or their own rows, unless those are in `parts`.

The CSRF token is a slot filled for each reader. A content whose building asked for this reader's token another
way (`get_token`, as the topic page's fragments do) is served but never stored: it would hand one person's token
to another.

Served from the cache in one round trip: the entry holds the stamps of the generations it was built under, read
together with the current ones.
"""

import re
import secrets

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import fragments

BLOCKS = ("head_title", "meta_description", "extra_head", "content", "extra_body")
_CSRF_SLOT = "<!--slot:csrf-->"
_PART = re.compile(r"<!--part:(\w+)-->(.*?)<!--/part:\1-->", re.S)
_MARKERS = re.compile(r"<!--/?part:\w+-->")
# A query string longer than this is someone's hand-made URL: built for them, not stored.
_LONGEST_QUERY = 300


def _key(request, kind, parts):
    return fragments.key_of(f"page:{kind}", request.path, sorted(request.GET.lists()), parts)


def render_shared(request, template, context, *, kind, parts, generations=(), timeout=None, fill=None):
    """The response of `render(request, template, context())`, its content shared as the module says. `context` is
    a callable, called only when the content is built; `parts` may be one too (not called when nothing is shared).
    `fill(html) -> html` puts this reader's part in the slots the content left for it (read markers, a
    subscription's level): run on every response, shared or not, so that both are the same page."""
    fill = fill or (lambda html: html)
    if not fragments.enabled() or request.method != "GET" or len(request.META.get("QUERY_STRING", "")) > _LONGEST_QUERY:
        return HttpResponse(_finished(request, render_to_string(template, context(), request), fill))
    key = _key(request, kind, parts() if callable(parts) else parts)
    blocks, stamps = fragments.stamped(key, generations)
    if blocks is not None:
        return _served(request, blocks, fill)
    # What {% csrf_token %} writes while the content is built (nobody can have typed it), then a slot.
    mark = f"csrf{secrets.token_hex(12)}"
    asked_token = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    html = render_to_string(template, {**context(), "shared_capture": True, "csrf_token": mark}, request)
    built_with_token = request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = asked_token or built_with_token
    html = html.replace(mark, _CSRF_SLOT)
    blocks = dict(_PART.findall(html))
    if set(blocks) == set(BLOCKS) and not built_with_token:
        fragments.store_stamped(key, stamps, blocks, timeout=timeout)
    return HttpResponse(_finished(request, _MARKERS.sub("", html), fill))


def _finished(request, html, fill):
    """`html` with this reader's CSRF token in its slots, then their own part (`fill`)."""
    return fill(html.replace(_CSRF_SLOT, get_token(request))) if _CSRF_SLOT in html else fill(html)


def _served(request, blocks, fill):
    shared = {name: mark_safe(_finished(request, text, lambda html: html)) for name, text in blocks.items()}
    shared["content"] = mark_safe(fill(shared["content"]))
    return render(request, "spro_portal/shared_page.html", {"shared": shared})
