from django import template

from ..formatting import french_number, with_unit

register = template.Library()


@register.filter
def fr_number(value, decimals=1):
    return french_number(value, decimals)


@register.filter
def unit(value, version):
    """`{{ value|unit:version }}`: the number with its unit sign (« 45,2 % »)."""
    return with_unit(value, version.unit)
