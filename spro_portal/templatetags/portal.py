"""Filters built into every template (settings.TEMPLATES "builtins"): French dates and menu state."""

from django import template

from spro_portal import dates
from spro_portal.markdown import sanitize

register = template.Library()
register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
# `{{ post.body_html|sanitized }}`: HTML rendered at save is cleaned again on the way out (never `|safe`).
register.filter("sanitized", sanitize)


@register.filter
def is_current(link, path):
    """`{% if link|is_current:request.path %}`: whether a menu link leads to the page being shown."""
    return link.is_current(path)
