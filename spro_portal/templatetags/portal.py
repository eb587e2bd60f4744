"""Filters built into every template (settings.TEMPLATES "builtins"): French dates and menu state."""

from django import template

from spro_portal import dates

register = template.Library()
register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)


@register.filter
def is_current(link, path):
    """`{% if link|is_current:request.path %}`: whether a menu link leads to the page being shown."""
    return link.is_current(path)
