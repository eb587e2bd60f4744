"""Evidence of commitments: links (http/https only) and files checked by content, downloaded through a checked view."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Commitment, Evidence
from members.models.commitments import text_fingerprint
from members.services import commitments as services
from spro_portal.uploads import check_upload
from tests.factories import PDF_BYTES, EvidenceFactory, FileEvidenceFactory, open_cycle, published_charter
from tests.utils import PERSONAS, assert_matrix_complete, assert_status, persona_row, text

pytestmark = pytest.mark.usefixtures("media_root")

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_zip(parts, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for part in parts:
            archive.writestr(part, "<xml/>")
    return buffer.getvalue()


DOCX = office_zip(["[Content_Types].xml", "word/document.xml"])
XLSX = office_zip(["[Content_Types].xml", "xl/workbook.xml"])
ODT = office_zip(["content.xml"], mimetype="application/vnd.oasis.opendocument.text")


@pytest.fixture
def commitment(network):
    published_charter(items=2)
    commitment_set = services.commitment_set_start(structure=network.structure, cycle=open_cycle())
    return commitment_set.commitments.select_related("item", "commitment_set__structure").order_by("item__position")[0]


@pytest.fixture
def other_commitment(network, commitment):
    commitment_set = services.commitment_set_start(
        structure=network.other_structure, cycle=commitment.commitment_set.cycle
    )
    return commitment_set.commitments.first()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# The checks themselves


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("rapport.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("photo.jpeg", JPEG_BYTES, "image/jpeg"),
        ("photo.jpg", JPEG_BYTES, "image/jpeg"),
        ("bilan.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("tableau.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("compte-rendu.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Réunion du 3 mars : accueil.".encode(), "text/plain; charset=utf-8"),
        ("chiffres.csv", b"structure;accueils\nCIO;120\n", "text/csv; charset=utf-8"),
    ],
)
def test_accepted_files_get_their_type_from_their_content(db, name, content, content_type):
    checked = check_upload(upload(name, content))
    assert checked.content_type == content_type
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.exe", b"MZ\x90\x00" + b"\x00" * 60, "Ce type de fichier n'est pas accepté"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas à son extension « .pdf »"),
        ("page.html", b"<html><script>alert(1)</script></html>", "Ce type de fichier n'est pas accepté"),
        ("image.pdf", PNG_BYTES, "ne correspond pas à son contenu (image PNG)"),
        ("rapport.txt", PDF_BYTES, "ne correspond pas à son contenu (PDF)"),
        ("bilan.xlsx", DOCX, "ne correspond pas à son contenu (document Word)"),
        ("archive.zip", office_zip(["a.txt"]), "Ce type de fichier n'est pas accepté"),
        ("faux.docx", office_zip(["a.txt"]), "ne correspond pas à son extension « .docx »"),
        ("cassé.docx", b"PK\x03\x04pas vraiment un zip", "ne correspond pas à son extension"),
        ("binaire.txt", b"abc\x00def", "ne correspond pas à son extension « .txt »"),
        ("latin1.csv", "café".encode("latin-1"), "ne correspond pas à son extension « .csv »"),
        ("sans-extension", PDF_BYTES, "« (aucune) » ne correspond pas"),
        ("vide.pdf", b"", "Le fichier est vide"),
    ],
)
def test_refused_files_get_a_clear_french_reason(db, name, content, message):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))
    assert message in " ".join(error.value.messages)


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    big = upload("gros.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="Le fichier dépasse 10 Mo"):
        check_upload(big)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("Bilan annuel 2026 (final).pdf", "Bilan_annuel_2026_final.pdf"),
        ("é" * 300 + ".pdf", "é" * 96 + ".pdf"),
        ("<script>.pdf", "script.pdf"),
        ("???.pdf", "fichier.pdf"),
    ],
)
def test_file_names_are_cleaned(db, name, expected):
    assert check_upload(upload(name, PDF_BYTES)).name == expected


# Adding and removing through the page


def test_referent_adds_a_link(client_for, commitment, network):
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/",
        {f"link-{commitment.pk}-label": "Rapport d'activité", f"link-{commitment.pk}-url": "https://cio.fr/rapport"},
        follow=True,
    )
    assert f"Preuve ajoutée à l'engagement {commitment.item.code}" in text(response)
    evidence = Evidence.objects.get()
    assert (evidence.label, evidence.url, evidence.added_by) == (
        "Rapport d'activité",
        "https://cio.fr/rapport",
        network.referent,
    )
    assert 'href="https://cio.fr/rapport" rel="noopener noreferrer"' in response.content.decode()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://exemple.fr/x", "data:text/html,<b>x</b>", "pas une adresse"]
)
def test_only_web_links_are_accepted(client_for, commitment, url):
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/",
        {f"link-{commitment.pk}-label": "Lien", f"link-{commitment.pk}-url": url},
    )
    assert response.status_code == 200
    html = text(response)
    assert "Saisissez une adresse web complète commençant par http:// ou https://" in html
    assert html.count("Saisissez une adresse web complète") == 2  # in the summary at the top, and beside the field
    assert f'<a href="#id_link-{commitment.pk}-url">{commitment.item.code}, adresse (https://…) : ' in html
    assert "<details open>" in html  # the form with the error is shown open, with what was typed
    assert not Evidence.objects.exists()


def test_the_link_service_refuses_other_schemes(commitment, network):
    with pytest.raises(services.ServiceError):
        services.evidence_add_link(
            commitment=commitment, label="x", url="javascript:alert(1)", added_by=network.referent
        )


def test_referent_adds_a_file_stored_through_the_storage_api(client_for, commitment, network, tmp_path):
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/fichier/",
        {f"file-{commitment.pk}-label": "Bilan", f"file-{commitment.pk}-file": upload("Bilan 2026.pdf", PDF_BYTES)},
        follow=True,
    )
    assert "Preuve ajoutée" in text(response)
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF_BYTES)
    assert evidence.file.name.startswith("preuves/") and evidence.file.name.endswith("/Bilan_2026.pdf")
    assert (tmp_path / evidence.file.name).read_bytes() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Ce type de fichier n'est pas accepté"),
        ("page.pdf", b"<html><body onload=alert(1)></body></html>", "ne correspond pas à son extension"),
        ("photo.pdf", PNG_BYTES, "ne correspond pas à son contenu"),
    ],
)
def test_a_refused_file_is_explained_and_not_stored(client_for, commitment, tmp_path, name, content, message):
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/fichier/",
        {f"file-{commitment.pk}-label": "Mon fichier", f"file-{commitment.pk}-file": upload(name, content)},
    )
    assert response.status_code == 200
    html = text(response)
    assert message in html
    assert 'value="Mon fichier"' in html
    assert not Evidence.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_an_oversized_file_is_refused(client_for, commitment, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/fichier/",
        {f"file-{commitment.pk}-label": "Gros", f"file-{commitment.pk}-file": upload("gros.pdf", PDF_BYTES * 10)},
    )
    assert "Le fichier dépasse" in text(response)
    assert not Evidence.objects.exists()


def test_removing_evidence_keeps_the_row(client_for, commitment):
    evidence = EvidenceFactory(commitment=commitment, label="Obsolète")
    response = client_for("referent").post(f"/charte/preuves/{evidence.pk}/retirer/", follow=True)
    assert "La preuve « Obsolète » a été retirée" in text(response)
    evidence.refresh_from_db()
    assert evidence.removed_at is not None
    assert "Obsolète</a>" not in text(client_for("referent").get("/charte/engagements/"))


def test_evidence_of_submitted_commitments_cannot_be_added(client_for, commitment):
    type(commitment.commitment_set).objects.filter(pk=commitment.commitment_set_id).update(status="submitted")
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/",
        {f"link-{commitment.pk}-label": "Lien", f"link-{commitment.pk}-url": "https://exemple.fr"},
    )
    assert response.status_code == 403
    assert "ont été déposés" in text(response)


def test_referent_of_another_structure_cannot_add_evidence_to_ours(client_for, commitment):
    response = client_for("other_referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/",
        {f"link-{commitment.pk}-label": "Lien", f"link-{commitment.pk}-url": "https://exemple.fr"},
    )
    assert response.status_code == 404
    assert not Evidence.objects.exists()


# Downloading

DOWNLOAD = persona_row(200, other_adviser=404, staff=404)


def test_download_row_covers_every_persona():
    assert_matrix_complete({"download": DOWNLOAD})


@pytest.mark.parametrize("persona", PERSONAS)
def test_evidence_files_are_downloaded_by_the_structure_and_coordinators_in_scope(client_for, commitment, persona):
    evidence = FileEvidenceFactory(commitment=commitment)
    response = client_for(persona).get(f"/charte/preuves/{evidence.pk}/")
    expected = DOWNLOAD[persona]
    assert_status(response, expected)
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="bilan.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("persona", PERSONAS)
def test_evidence_of_brest_is_hidden_from_rennes(client_for, other_commitment, persona):
    evidence = FileEvidenceFactory(commitment=other_commitment)
    expected = {
        **DOWNLOAD,
        "adviser": 404,
        "referent": 404,
        "territorial_coordinator": 404,
        "other_adviser": 200,
    }[persona]
    response = client_for(persona).get(f"/charte/preuves/{evidence.pk}/")
    response.close()
    assert_status(response, expected)


def test_referent_of_b_cannot_download_evidence_of_a(client_for, commitment):
    evidence = FileEvidenceFactory(commitment=commitment)
    response = client_for("other_referent").get(f"/charte/preuves/{evidence.pk}/")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_removed_unknown_or_link_evidence_is_not_downloadable(client_for, commitment):
    removed = FileEvidenceFactory(commitment=commitment, removed_at=timezone.now())
    link = EvidenceFactory(commitment=commitment)
    client = client_for("referent")
    assert client.get(f"/charte/preuves/{removed.pk}/").status_code == 404
    assert client.get(f"/charte/preuves/{link.pk}/").status_code == 404
    assert client.get("/charte/preuves/999999/").status_code == 404


def test_a_file_missing_from_storage_is_a_404(client_for, commitment, tmp_path):
    evidence = FileEvidenceFactory(commitment=commitment)
    (tmp_path / evidence.file.name).unlink()
    assert client_for("referent").get(f"/charte/preuves/{evidence.pk}/").status_code == 404


def test_a_text_file_is_served_as_an_attachment_never_inline(client_for, commitment, network):
    services.evidence_add_file(
        commitment=commitment,
        label="Notes",
        upload=upload("notes.txt", b"<script>alert(1)</script>"),
        added_by=network.referent,
    )
    evidence = Evidence.objects.get()
    response = client_for("adviser").get(f"/charte/preuves/{evidence.pk}/")
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


# Evidence buttons belong to the commitments form: what was typed elsewhere on the page is saved with them.


def typed(commitment_set, texts):
    """The commitments form as the page sends it, with `texts` (by item code) typed and not yet saved."""
    data = {"draft-revision": str(commitment_set.revision)}
    for commitment in commitment_set.commitments.select_related("item"):
        data[f"draft-text_{commitment.item_id}"] = texts.get(commitment.item.code, commitment.text)
        data[f"draft-base_{commitment.item_id}"] = text_fingerprint(commitment.text)
    return data


def saved_texts():
    return dict(Commitment.objects.values_list("item__code", "text"))


def test_adding_a_link_to_one_item_saves_what_was_typed_in_another(client_for, commitment):
    other = commitment.commitment_set.commitments.exclude(pk=commitment.pk).select_related("item").get()
    data = {
        **typed(commitment.commitment_set, {other.item.code: "Texte tapé, pas encore enregistré"}),
        f"link-{commitment.pk}-label": "Rapport",
        f"link-{commitment.pk}-url": "https://cio.fr/rapport",
    }
    response = client_for("referent").post(
        f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/", data, follow=True
    )
    assert "Preuve ajoutée" in text(response)
    assert saved_texts()[other.item.code] == "Texte tapé, pas encore enregistré"
    assert Evidence.objects.get().commitment == commitment


def test_a_refused_link_keeps_and_saves_what_was_typed(client_for, commitment):
    data = {
        **typed(commitment.commitment_set, {commitment.item.code: "Mon texte"}),
        f"link-{commitment.pk}-label": "Rapport",
        f"link-{commitment.pk}-url": "javascript:alert(1)",
    }
    response = client_for("referent").post(f"/charte/engagements/engagement/{commitment.pk}/preuves/lien/", data)
    assert response.status_code == 200
    assert "Mon texte" in text(response)
    assert saved_texts()[commitment.item.code] == "Mon texte"
    assert not Evidence.objects.exists()


def test_removing_evidence_saves_what_was_typed(client_for, commitment):
    evidence = EvidenceFactory(commitment=commitment, label="Obsolète")
    data = typed(commitment.commitment_set, {commitment.item.code: "Texte tapé avant de retirer"})
    response = client_for("referent").post(f"/charte/preuves/{evidence.pk}/retirer/", data, follow=True)
    assert "La preuve « Obsolète » a été retirée" in text(response)
    assert saved_texts()[commitment.item.code] == "Texte tapé avant de retirer"


def test_a_too_long_text_sent_with_an_evidence_action_is_kept_and_nothing_is_done(client_for, commitment):
    evidence = EvidenceFactory(commitment=commitment, label="Obsolète")
    data = typed(commitment.commitment_set, {commitment.item.code: "x" * 10001})
    response = client_for("referent").post(f"/charte/preuves/{evidence.pk}/retirer/", data)
    assert response.status_code == 200
    assert "x" * 10001 in text(response)
    evidence.refresh_from_db()
    assert evidence.removed_at is None


def test_evidence_buttons_are_submit_buttons_of_the_commitments_form(client_for, commitment):
    evidence = EvidenceFactory(commitment=commitment, label="Rapport")
    html = text(client_for("referent").get("/charte/engagements/"))
    # the commitments form, the logout form and the header's search box
    assert html.count("<form") == html.count("</form>") == 3
    assert f'formaction="/charte/preuves/{evidence.pk}/retirer/#erreurs"' in html
    assert f'formaction="/charte/engagements/engagement/{commitment.pk}/preuves/lien/#erreurs"' in html
