from django import template

from ..formatting import french_number, with_unit
from ..forms import rendering

register = template.Library()


@register.filter
def fr_number(value, decimals=1):
    return french_number(value, decimals)


@register.filter
def unit(value, version):
    """`{{ value|unit:version }}`: the number with its unit sign (« 45,2 % »)."""
    return with_unit(value, version.unit)


@register.filter
def field_group(bound_field):
    """`{{ field|field_group }}`: label, errors and widget as as_field_group gives them, without its templates."""
    return rendering.field_group(bound_field)
