"""Journey 6 from a spreadsheet, in Chromium: a referent downloads the campaign's CSV template, fills it in, uploads
it, reads the one error by line and column, fixes it, uploads again and submits the report."""

import csv
import datetime
import io
import re

from django.utils import timezone
from playwright.sync_api import expect

from indicators.models import Campaign, Indicator, Report
from members.models import Structure
from tests.browser.helpers import log_in


def success(page, text):
    expect(page.locator(".messages").get_by_text(text)).to_be_visible()


def fill(template, *, count):
    """The template as a person fills it in a spreadsheet: a value per line, a comment each, French decimals."""
    rows = list(csv.reader(io.StringIO(template.lstrip("\ufeff")), delimiter=";"))
    ratios = set(Indicator.objects.filter(current_version__calculation="ratio").values_list("slug", flat=True))
    for row in rows[1:]:
        if row[0] in ratios:
            row[4], row[5] = "30", "40"
        elif row[2] == "nombre":
            row[3] = count
        else:
            row[3] = "12,5"
        row[6] = "Relevé du logiciel de suivi."
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return "\ufeff" + out.getvalue(), rows


def test_a_referent_fills_the_report_from_the_csv_template(page, live_server, demo_network, look, tmp_path):
    page.set_default_timeout(8000)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        label="Décembre 2026",
        periodicity="monthly",
        period_start=datetime.date(2026, 12, 1),
        period_end=datetime.date(2026, 12, 31),
        opens_on=today,
        deadline=today + datetime.timedelta(days=20),
    )
    campaign.indicators.set(Indicator.objects.all())
    structure = Structure.objects.get(slug="cio-de-brest")
    campaign.structures.set([structure])

    log_in(page, live_server, "referent@demo.spro.fr")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    page.get_by_role("link", name="Le rapport de CIO de Brest").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le modèle CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    template = download.value.path().read_text(encoding="utf-8")

    content, rows = fill(template, count="-5")
    bad_line = next(number for number, row in enumerate(rows, start=1) if row[3] == "-5")
    path = tmp_path / "rapport-decembre.csv"
    path.write_text(content, encoding="utf-8")
    page.get_by_label("Fichier CSV rempli").set_input_files(path)
    page.get_by_role("button", name="Déposer le fichier").click()
    errors = page.locator("#id_csv-file_error li")
    expect(errors).to_have_count(1)
    expect(errors).to_have_text(f"Ligne {bad_line}, colonne « Valeur » : une valeur ne peut pas être négative.")
    expect(page.get_by_text("Le fichier n'a pas été enregistré")).to_be_visible()
    assert not Report.objects.filter(campaign=campaign).exists()
    look("indicateurs-csv-erreur")

    content, _ = fill(template, count="420")
    path.write_text(content, encoding="utf-8")
    page.get_by_label("Fichier CSV rempli").set_input_files(path)
    page.get_by_role("button", name="Déposer le fichier").click()
    success(page, "Fichier importé : les valeurs sont enregistrées en brouillon.")
    expect(page.locator(".report-value").first.get_by_label(re.compile("^(Valeur|Numérateur)"))).not_to_have_value("")
    look("indicateurs-csv-importe")

    page.get_by_role("button", name="Déposer le rapport").click()
    success(page, "Rapport déposé : la coordination va le relire.")
    report = Report.objects.get(campaign=campaign, structure=structure)
    assert report.status == Report.Status.SUBMITTED
    values = {
        value.indicator.current_version.unit: value
        for value in report.values.select_related("indicator__current_version")
    }
    assert values["count"].value == 420
