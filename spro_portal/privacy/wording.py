"""Durations said the French way, for the pages that quote the settings (sessions, retention)."""


def duration_label(seconds):
    """« 2 heures », « 30 minutes », « 12 heures », « 1 jour »: the largest whole unit."""
    for size, singular, plural in ((86400, "jour", "jours"), (3600, "heure", "heures"), (60, "minute", "minutes")):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {singular if count == 1 else plural}"
    return f"{seconds} secondes"


def days_label(days):
    """« 30 jours », « 1 an », « 2 ans » (whole years when the number of days is a multiple of 365)."""
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return f"{years} an{'s' if years > 1 else ''}"
    return f"{days} jour{'s' if days > 1 else ''}"
