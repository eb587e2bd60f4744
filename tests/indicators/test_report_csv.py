"""A report's CSV template: download it, fill it in a spreadsheet, upload it; the same checks as the form."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from indicators.models import Campaign, CampaignReopening, Report, ReportEvent
from tests.utils import ALL_PERSONAS, LOGIN, assert_access, assert_matrix_complete, persona_row, text

from .helpers import adopted_indicator, campaign, ratio_definition, report_with

HEADER = "Code;Indicateur;Unité;Valeur;Numérateur;Dénominateur;Commentaire"


@pytest.fixture
def setup(network):
    count = adopted_indicator(network.adviser, network.regional_coordinator)
    ratio = adopted_indicator(network.adviser, network.regional_coordinator, **ratio_definition())
    item = campaign([count, ratio], [network.structure, network.other_structure], start=datetime.date(2026, 4, 1))
    return type("Setup", (), {"count": count, "ratio": ratio, "campaign": item})


def url(setup, network, name="report_csv_upload", structure=None):
    return reverse(f"indicators:{name}", args=[setup.campaign.pk, (structure or network.structure).slug])


def lines(setup, *, count="12", num="3", den="10", count_comment="", ratio_comment=""):
    return [
        HEADER,
        f"{setup.count.slug};Personnes accueillies;nombre;{count};;;{count_comment}",
        f"{setup.ratio.slug};Part;%;;{num};{den};{ratio_comment}",
    ]


def upload(client, setup, network, content, *, name="rapport.csv", revision=0, encoding="utf-8-sig"):
    if isinstance(content, list):
        content = "\r\n".join(content) + "\r\n"
    data = content if isinstance(content, bytes) else content.encode(encoding)
    return client.post(
        url(setup, network),
        {"csv-revision": revision, "csv-file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def saved(setup):
    report = Report.objects.get(campaign=setup.campaign)
    return report, {value.indicator_id: value for value in report.values.all()}


# Who downloads and uploads


def row(default, **exceptions):
    return persona_row(default, personas=ALL_PERSONAS, **({"staff": 403} | exceptions))


# Only the structure's referents fill in its report; others who may read it get 403, the rest 404 (reveals nothing).
WHO = row(403, referent=200, other_adviser=404, other_referent=404, anonymous=LOGIN)


def test_matrix_covers_every_persona():
    assert_matrix_complete({"template": WHO}, ALL_PERSONAS)


@pytest.mark.parametrize(("persona", "expected"), WHO.items())
def test_who_downloads_the_template(client_for, network, setup, persona, expected):
    assert_access(client_for(persona), url(setup, network, "report_csv_template"), expected)


@pytest.mark.parametrize(("persona", "expected"), WHO.items())
def test_who_uploads_a_file(client_for, network, setup, persona, expected):
    response = upload(client_for(persona), setup, network, lines(setup))
    expected = 302 if expected == 200 else expected
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == expected
    assert Report.objects.filter(campaign=setup.campaign).exists() == (persona == "referent")


def test_the_upload_is_post_only(client_for, network, setup):
    assert client_for("referent").get(url(setup, network)).status_code == 405


# The template


def test_template_has_a_bom_semicolons_french_headers_and_one_line_per_indicator(client_for, network, setup):
    report_with(
        setup.campaign, network.structure, {setup.count: 7, setup.ratio: ("2", "8")}, status=Report.Status.DRAFT
    )
    response = client_for("referent").get(url(setup, network, "report_csv_template"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert ";".join(rows[0]) == HEADER
    by_code = {line[0]: line for line in rows[1:]}
    assert set(by_code) == {setup.count.slug, setup.ratio.slug}
    assert by_code[setup.count.slug][2:6] == ["nombre", "7", "", ""]  # the draft's value, ready to edit
    assert by_code[setup.ratio.slug][3:6] == ["", "2", "8"]
    assert "numérateur : projets validés" in by_code[setup.ratio.slug][1]


def test_a_name_that_looks_like_a_formula_is_given_out_as_text(client_for, network, setup):
    version = setup.count.current_version
    version.name = '=HYPERLINK("http://example.com")'
    version.save()
    body = client_for("referent").get(url(setup, network, "report_csv_template")).content.decode("utf-8")
    assert ";\"'=HYPERLINK" in body


def test_the_downloaded_template_filled_in_round_trips(client_for, network, setup):
    client = client_for("referent")
    body = client.get(url(setup, network, "report_csv_template")).content.decode("utf-8")
    filled = body.replace(f"{setup.count.slug};Personnes accueillies;nombre;;", f"{setup.count.slug};x;nombre;12;")
    filled = filled.replace(";%;;;;", ";%;;3;10;")
    assert upload(client, setup, network, filled.encode("utf-8")).status_code == 302
    _, values = saved(setup)
    assert values[setup.count.pk].value == 12 and values[setup.ratio.pk].value == Decimal("30.0000")


# Uploads that pass


def test_upload_fills_the_draft_then_the_referent_submits(client_for, network, setup):
    client = client_for("referent")
    response = upload(client, setup, network, lines(setup, count_comment="Hors forum"))
    assert response.status_code == 302
    report, values = saved(setup)
    assert report.status == Report.Status.DRAFT and report.revision == 1
    assert values[setup.count.pk].comment == "Hors forum"
    assert values[setup.ratio.pk].numerator == 3 and values[setup.ratio.pk].denominator == 10
    page = text(client.get(response["Location"]))
    assert "Fichier importé" in page
    submit = {"revision": 1, f"value_{setup.count.pk}": "12", f"num_{setup.ratio.pk}": "3"}
    submit |= {f"den_{setup.ratio.pk}": "10", "submit": "1"}
    submit |= {f"comment_{setup.count.pk}": "", f"comment_{setup.ratio.pk}": ""}
    assert client.post(url(setup, network, "report_save"), submit).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


@pytest.mark.parametrize(
    "content",
    [
        # commas as separator, decimals quoted; and French decimal commas with semicolons
        [HEADER.replace(";", ","), "{count},x,nombre,12,,,", '{ratio},x,%,,"2,5",10,'],
        [HEADER, "{count};x;nombre;12;;;", "{ratio};x;%;;2,5;10;"],
        [HEADER, "{count};x;nombre;12;;;", "{ratio};x;%;;2.5;10;"],
        # headers without accents or in another case, columns in another order, a blank line, no BOM
        [
            "commentaire;code;valeur;numerateur;denominateur;unite;indicateur",
            ";{count};12;;;;",
            "",
            ";{ratio};;2,5;10;;",
        ],
    ],
)
def test_accepted_spellings(client_for, network, setup, content):
    content = [line.format(count=setup.count.slug, ratio=setup.ratio.slug) for line in content]
    assert upload(client_for("referent"), setup, network, content, encoding="utf-8").status_code == 302
    _, values = saved(setup)
    assert values[setup.ratio.pk].numerator == Decimal("2.5")


def test_a_blank_line_leaves_the_value_empty_and_submission_asks_for_it(client_for, network, setup):
    assert upload(client_for("referent"), setup, network, lines(setup, count="")).status_code == 302
    _, values = saved(setup)
    assert values[setup.count.pk].value is None


# Uploads refused, nothing saved, the errors by line and column


def assert_refused(response, *messages):
    assert response.status_code == 400
    page = text(response)
    assert "Le fichier n'a pas été enregistré" in page
    for message in messages:
        assert message in page, page
    assert not ReportEvent.objects.exists()  # no save at all
    return page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"count": "-4"}, "Ligne 2, colonne « Valeur » : une valeur ne peut pas être négative."),
        ({"count": "12,5"}, "Ligne 2, colonne « Valeur » : un nombre se compte en entiers"),
        ({"count": "douze"}, "Ligne 2, colonne « Valeur » : saisissez un nombre"),
        ({"count": "9" * 40}, "Ligne 2, colonne « Valeur » : ce nombre est trop grand."),
        ({"count": "1e999999"}, "Ligne 2, colonne « Valeur » : ce nombre est trop grand."),
        ({"count": "NaN"}, "Ligne 2, colonne « Valeur » : saisissez un nombre"),
        ({"count": "1,23456"}, "Ligne 2, colonne « Valeur » : au plus 4 décimales."),
        ({"num": "11"}, "Ligne 3, colonne « Numérateur » : le numérateur ne peut pas dépasser le dénominateur."),
        ({"den": "0", "num": "0"}, "Ligne 3, colonne « Dénominateur » : le dénominateur ne peut pas être nul."),
        ({"den": ""}, "Ligne 3, colonne « Dénominateur » : saisissez le numérateur et le dénominateur."),
        ({"count": "=1+1"}, "Ligne 2, colonne « Valeur » : une formule n'est pas acceptée"),
        ({"count": "+12"}, "Ligne 2, colonne « Valeur » : une formule n'est pas acceptée"),
        ({"count": "@SUM(A1)"}, "Ligne 2, colonne « Valeur » : une formule n'est pas acceptée"),
        ({"ratio_comment": "=cmd|' /C calc'!A0"}, "Ligne 3, colonne « Commentaire » : le texte commence par « = »"),
        ({"count_comment": "-baisse"}, "Ligne 2, colonne « Commentaire » : le texte commence par « - »"),
        ({"count_comment": "x" * 2001}, "Ligne 2, colonne « Commentaire » : au plus 2000 caractères."),
    ],
)
def test_each_check_names_its_line_and_column(client_for, network, setup, fields, message):
    assert_refused(upload(client_for("referent"), setup, network, lines(setup, **fields)), message)


def test_every_error_is_listed_at_once(client_for, network, setup):
    page = assert_refused(
        upload(client_for("referent"), setup, network, lines(setup, count="-1", num="20")),
        "Ligne 2, colonne « Valeur »",
        "Ligne 3, colonne « Numérateur »",
    )
    assert page.count("Ligne ") == 2


def test_a_value_three_times_the_previous_one_needs_a_comment_in_the_file(client_for, network, setup):
    earlier = campaign([setup.count], [network.structure], start=datetime.date(2026, 1, 1), open_now=False)
    report_with(earlier, network.structure, {setup.count: 10})
    client = client_for("referent")
    assert_refused(
        upload(client, setup, network, lines(setup, count="31")),
        "Ligne 2, colonne « Commentaire » : cette valeur fait plus du triple de la précédente (10, T1 2026)",
    )
    assert upload(client, setup, network, lines(setup, count="31", count_comment="Forum")).status_code == 302


def test_a_value_in_the_wrong_column_is_refused(client_for, network, setup):
    content = [HEADER, f"{setup.count.slug};x;nombre;12;3;;", f"{setup.ratio.slug};x;%;30;3;10;"]
    assert_refused(
        upload(client_for("referent"), setup, network, content),
        "Ligne 2, colonne « Numérateur » : cet indicateur se saisit avec une seule valeur",
        "Ligne 3, colonne « Valeur » : cet indicateur se saisit avec le numérateur et le dénominateur",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (["Code;Nom;Valeur"], "Colonne inconnue : « Nom »."),
        (["Code;Indicateur;Unité;Valeur;Numérateur;Commentaire"], "Colonne manquante : « Dénominateur »."),
        ([HEADER + ";Code"], "La colonne « Code » figure deux fois."),
        ([HEADER], "aucune ligne d'indicateur"),
        (["", "  ;  "], "Le fichier est vide."),
    ],
)
def test_wrong_headers_or_no_lines(client_for, network, setup, content, message):
    assert_refused(upload(client_for("referent"), setup, network, content), message)


def test_unknown_duplicate_and_missing_indicator_lines(client_for, network, setup):
    content = [HEADER, f"{setup.count.slug};x;nombre;12;;;", f"{setup.count.slug};x;nombre;13;;;", "inconnu;x;;1;;;"]
    assert_refused(
        upload(client_for("referent"), setup, network, content),
        "Ligne 3 : l'indicateur « Personnes accueillies » figure déjà ligne 2.",
        "Ligne 4, colonne « Code » : « inconnu » n'est pas un indicateur de cette campagne.",
        f"L'indicateur « Part des projets validés » (code « {setup.ratio.slug} ») manque",
    )


def test_an_unquoted_decimal_comma_with_comma_separators_gets_a_hint(client_for, network, setup):
    content = [HEADER.replace(";", ","), f"{setup.count.slug},x,nombre,12,,,", f"{setup.ratio.slug},x,%,,2,5,10,"]
    assert_refused(
        upload(client_for("referent"), setup, network, content),
        "Ligne 3 : plus de cellules que de colonnes. Avec la virgule comme séparateur",
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rapport.csv", b"", "Le fichier est vide."),
        ("rapport.csv", "Code;Valeur\né;1".encode("cp1252"), "n'est pas un CSV en texte UTF-8"),
        ("rapport.pdf", b"%PDF-1.4 ...", "Déposez le modèle CSV de la campagne"),
        ("rapport.txt", HEADER.encode(), "Déposez le modèle CSV de la campagne"),
        ("rapport.xlsx", b"\x00\x01binary", "ne correspond pas à son extension « .xlsx »"),
        ("rapport.exe", b"MZ\x00\x01binary", "Ce type de fichier n'est pas accepté"),
        ("rapport.csv", b"Code;\x00Valeur", "n'est pas un CSV en texte UTF-8"),
    ],
)
def test_files_that_are_not_csv(client_for, network, setup, name, data, message):
    assert_refused(upload(client_for("referent"), setup, network, data, name=name), message)


def test_a_huge_file_is_refused(client_for, network, setup, settings):
    settings.INDICATORS_CSV_MAX_BYTES = 1024
    assert_refused(
        upload(client_for("referent"), setup, network, [HEADER] + ["x;" * 100] * 20), "Le fichier dépasse 0,0009"
    )


def test_no_file_or_a_tampered_form(client_for, network, setup):
    client = client_for("referent")
    assert_refused(client.post(url(setup, network), {"csv-revision": 0}), "Choisissez le fichier CSV à déposer.")
    response = client.post(
        url(setup, network), {"csv-revision": "abc", "csv-file": SimpleUploadedFile("r.csv", b"Code")}
    )
    assert_refused(response, "Le formulaire est incomplet")


def test_someone_saved_meanwhile_nothing_is_overwritten(client_for, network, setup):
    client = client_for("referent")
    assert upload(client, setup, network, lines(setup, count="12")).status_code == 302
    response = upload(client, setup, network, lines(setup, count="40"), revision=0)
    assert response.status_code == 302
    assert "a enregistré ce rapport entre-temps : votre fichier n'a pas été enregistré" in text(
        client.get(response["Location"])
    )
    _, values = saved(setup)
    assert values[setup.count.pk].value == 12


def test_a_submitted_report_is_not_overwritten_by_a_file(client_for, network, setup):
    report_with(setup.campaign, network.structure, {setup.count: 7}, status=Report.Status.SUBMITTED)
    client = client_for("referent")
    response = upload(client, setup, network, lines(setup), revision=1)
    assert "il n'est plus modifiable" in text(client.get(response["Location"]))
    assert saved(setup)[1][setup.count.pk].value == 7


# After the deadline: every write path is locked, until a coordinator reopens the campaign for the structure


@pytest.fixture
def closed(setup):
    Campaign.objects.filter(pk=setup.campaign.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=30),
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    setup.campaign.refresh_from_db()
    return setup


def test_after_the_deadline_the_upload_is_refused(client_for, network, closed):
    client = client_for("referent")
    response = upload(client, closed, network, lines(closed))
    assert response.status_code == 302
    assert "La campagne est close depuis le" in text(client.get(response["Location"]))
    assert not Report.objects.exists()


def test_after_the_deadline_the_form_and_the_submission_are_refused(client_for, network, closed):
    report = report_with(closed.campaign, network.structure, {closed.count: 12}, status=Report.Status.DRAFT)
    client = client_for("referent")
    data = {"revision": 1, f"value_{closed.count.pk}": "13", f"num_{closed.ratio.pk}": "3"}
    data |= {f"den_{closed.ratio.pk}": "10", f"comment_{closed.count.pk}": "", f"comment_{closed.ratio.pk}": ""}
    for extra in ({}, {"submit": "1"}):
        response = client.post(url(closed, network, "report_save"), data | extra)
        assert "La campagne est close depuis le" in text(response)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.values.get().value == 12
    page = text(client.get(url(closed, network, "report_detail")))
    assert "Déposer le fichier" not in page and "La saisie est close" in page


def test_a_coordinator_reopens_for_one_structure_then_its_upload_goes_through(client_for, network, closed):
    coordinator = client_for("territorial_coordinator")
    until = timezone.localdate() + datetime.timedelta(days=3)
    response = coordinator.post(
        url(closed, network, "report_reopen"), {"until": until.isoformat(), "reason": "Logiciel en panne"}
    )
    assert response.status_code == 302
    assert CampaignReopening.objects.get().structure == network.structure
    client = client_for("referent")
    assert "Déposer le fichier" in text(client.get(url(closed, network, "report_detail")))
    assert upload(client, closed, network, lines(closed)).status_code == 302
    assert saved(closed)[1][closed.count.pk].value == 12


def test_reopening_for_one_structure_leaves_the_others_locked(client_for, network, closed):
    CampaignReopening.objects.create(
        campaign=closed.campaign,
        structure=network.other_structure,
        until=timezone.localdate() + datetime.timedelta(days=3),
        reason="Oubli",
    )
    response = upload(client_for("referent"), closed, network, lines(closed))
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_a_reopening_that_expired_locks_again(client_for, network, closed):
    CampaignReopening.objects.create(
        campaign=closed.campaign,
        structure=network.structure,
        until=timezone.localdate() - datetime.timedelta(days=1),
        reason="Oubli",
    )
    upload(client_for("referent"), closed, network, lines(closed))
    assert not Report.objects.exists()


def test_the_form_shows_saved_numbers_without_trailing_zeros(client_for, network, setup):
    """After an upload the referent rereads the values in the form: « 420 », « 12,5 », not « 420,0000 »."""
    client = client_for("referent")
    assert upload(client, setup, network, lines(setup, count="420", num="2,5")).status_code == 302
    page = text(client.get(url(setup, network, "report_detail")))
    assert 'value="420"' in page and 'value="2,5"' in page and 'value="10"' in page


def test_a_cell_too_long_for_the_csv_reader_is_a_french_message(client_for, network, setup):
    content = [HEADER, f'{setup.count.slug};x;nombre;12;;;"{"x" * 140_000}"']
    assert_refused(upload(client_for("referent"), setup, network, content), "Le fichier CSV est mal formé")


def test_the_report_page_with_the_spreadsheet_card_keeps_its_query_count(
    client_for, network, setup, assert_same_query_count
):
    def more_indicators():
        for number in range(4):
            extra = adopted_indicator(network.adviser, network.regional_coordinator, name=f"Autre {number}")
            setup.campaign.indicators.add(extra)

    assert_same_query_count(client_for("referent"), url(setup, network, "report_detail"), more_indicators, warm=True)
