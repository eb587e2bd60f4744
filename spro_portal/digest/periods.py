"""Digest periods: a calendar month ("2026-11") or an ISO week ("2026-W48"), with their bounds in local time."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from spro_portal.dates import long_date

from .models import Frequency

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
BAD_PERIOD = (
    "Période invalide : « {key} ». Écrivez un mois AAAA-MM (ex. 2026-11) ou une semaine AAAA-Wss (ex. 2026-W48)."
)


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    key: str
    frequency: str  # Frequency.MONTHLY or Frequency.WEEKLY: who receives this period's digest
    first_day: datetime.date
    last_day: datetime.date

    @property
    def start(self):
        """The first instant of the period, aware, in the portal's time zone."""
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time.min))

    @property
    def end(self):
        """The first instant after the period (half-open bounds)."""
        following = self.last_day + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))

    @property
    def label(self):
        """« novembre 2026 » or « semaine du 23 novembre 2026 »."""
        if self.frequency == Frequency.MONTHLY:
            return f"{MONTHS[self.first_day.month - 1]} {self.first_day.year}"
        return f"semaine du {long_date(self.first_day)}"

    def __str__(self):
        return self.key


def month(year, number):
    first = datetime.date(year, number, 1)
    following = datetime.date(year + number // 12, number % 12 + 1, 1)
    return Period(f"{year:04d}-{number:02d}", Frequency.MONTHLY, first, following - datetime.timedelta(days=1))


def week(year, number):
    first = datetime.date.fromisocalendar(year, number, 1)
    return Period(f"{year:04d}-W{number:02d}", Frequency.WEEKLY, first, first + datetime.timedelta(days=6))


def parse(key):
    """The period a key names, or PeriodError with a French message."""
    key = (key or "").strip()
    try:
        if found := re.fullmatch(r"(\d{4})-(\d{2})", key):
            return month(int(found[1]), int(found[2]))
        if found := re.fullmatch(r"(\d{4})-W(\d{2})", key, flags=re.IGNORECASE):
            return week(int(found[1]), int(found[2]))
    except ValueError:
        pass
    raise PeriodError(BAD_PERIOD.format(key=key))


def previous(frequency, today=None):
    """The period that has just ended: last month on the 1st, last week on a Monday."""
    today = today or timezone.localdate()
    if frequency == Frequency.WEEKLY:
        year, number, _ = (today - datetime.timedelta(days=7)).isocalendar()
        return week(year, number)
    last_day = today.replace(day=1) - datetime.timedelta(days=1)
    return month(last_day.year, last_day.month)
