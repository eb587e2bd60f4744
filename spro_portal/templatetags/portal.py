"""Filters and tags built into every template (settings.TEMPLATES "builtins"): French dates, menu state, links."""

from django import template

from spro_portal import dates
from spro_portal.links import link
from spro_portal.markdown import sanitize

register = template.Library()
register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
# `{{ post.body_html|sanitized }}`: HTML rendered at save is cleaned again on the way out (never `|safe`).
register.filter("sanitized", sanitize)
# `{% link 'practices:post' post.pk %}`: `{% url %}` for a route with one id or slug, without a reverse() each time
# (spro_portal.links), for the links repeated on every row of a list or post of a topic.
register.simple_tag(link, name="link")


@register.filter
def is_current(link, path):
    """`{% if link|is_current:request.path %}`: whether a menu link leads to the page being shown."""
    return link.is_current(path)
