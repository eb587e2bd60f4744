"""The « Mes données » archive: every app's `personal_data` tables of one person, as CSV files and one JSON file."""

import csv
import io
import json
import zipfile
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from spro_portal import composition

README = """Vos données sur le {site}, au {when}.

Chaque fichier CSV (séparateur point-virgule, UTF-8) est une table : {tables}.
donnees.json contient les mêmes tables, pour un traitement informatique.

Ce que le portail garde, pourquoi et combien de temps : {site_url}/donnees-personnelles/
"""


def _plain(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _csv(table):
    out = io.StringIO()
    out.write("\ufeff")  # opens cleanly in French spreadsheets, like spro_portal.csv
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.columns)
    writer.writerows([_plain(row.get(column)) for column in table.columns] for row in table.rows)
    return out.getvalue()


def build_archive(person):
    """The ZIP bytes of everything the portal holds about `person`, and nothing about anybody else."""
    tables = composition.personal_data(person)
    when = timezone.localtime()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "LISEZ-MOI.txt",
            README.format(
                site=settings.SITE_NAME,
                when=f"{when:%d/%m/%Y %H:%M}",
                tables=", ".join(f"{table.name}.csv ({table.title})" for table in tables),
                site_url=settings.SITE_URL,
            ),
        )
        for table in tables:
            archive.writestr(f"{table.name}.csv", _csv(table))
        data = {
            table.name: {
                "titre": table.title,
                "lignes": [{column: _plain(row.get(column)) for column in table.columns} for row in table.rows],
            }
            for table in tables
        }
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()
