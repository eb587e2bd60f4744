"""Numbers written the French way: « 1 234,5 », « 45,2 % », and the words a hidden figure is shown as."""

from decimal import ROUND_HALF_UP, Decimal

SECRET = "secret statistique"
NARROW_NBSP = "\u202f"


def french_number(value, decimals=1):
    """« 1 234,5 »; a whole number loses its decimals (« 12 », not « 12,0 »)."""
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NARROW_NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


UNIT_SUFFIX = {"percent": "\u00a0%", "hours": "\u00a0h", "days": "\u00a0j", "euros": "\u00a0€", "count": ""}


def with_unit(value, unit, decimals=1):
    if value is None:
        return "—"
    return french_number(value, decimals) + UNIT_SUFFIX.get(unit, "")


def csv_number(value):
    """For spreadsheets: a decimal comma and no thousands separator."""
    if value is None:
        return ""
    return french_number(value, 2).replace(NARROW_NBSP, "")
