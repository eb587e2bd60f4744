"""Dates written the French way in sentences: « 1er décembre 2026 », « 3 mars 2027 à 09:05 » (Europe/Paris)."""

import datetime

from django.utils import timezone

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def long_date(value):
    """« 1er décembre 2026 »: Django's `j F Y` would say « 1 décembre »; a datetime is read in Europe/Paris."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def long_datetime(value):
    """« 1er décembre 2026 à 09:05 »."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{long_date(local)} à {local:%H:%M}"
