"""The portal's upload checks on the library's files: the bad-file corpus refused with its French reason, nothing
stored; oversized files refused before being read; polyglots never served inline; CSV formulas flagged."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.test import Client, RequestFactory

from practices.models import Resource, ResourceVersion
from spro_portal.uploads import SizeLimitUploadHandler, check_upload
from tests.utils import text

from . import resource_factories as rf
from .resource_factories import CSV_BYTES, PDF_BYTES, PNG_BYTES, office_zip, upload

pytestmark = pytest.mark.usefixtures("media_root")

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'

BAD_FILES = [
    ("outil.pdf", EXE, "C'est un programme exécutable"),
    ("outil.docx", EXE, "C'est un programme exécutable"),
    ("outil.exe", EXE, "Ce type de fichier n'est pas accepté"),
    ("script.txt", ELF, "C'est un programme exécutable"),
    ("trame.pdf", HTML, "C'est une page web (HTML) ou une image SVG"),
    ("notes.txt", HTML, "C'est une page web (HTML) ou une image SVG"),
    ("logo.png", SVG, "C'est une page web (HTML) ou une image SVG"),
    ("logo.svg", SVG, "Ce type de fichier n'est pas accepté"),
    ("page.html", HTML, "Ce type de fichier n'est pas accepté"),
    ("vide.pdf", b"", "Le fichier est vide"),
    ("archive.zip", office_zip(["a.txt"]), "Ce type de fichier n'est pas accepté"),
    ("faux.xlsx", office_zip(["a.txt"]), "ne correspond pas à son extension « .xlsx »"),
    ("image.pdf", PNG_BYTES, "ne correspond pas à son contenu (image PNG)"),
    (".htaccess.txt", b"Deny from all", "Le nom de ce fichier n'est pas accepté"),
    ("CON.pdf", PDF_BYTES, "Le nom de ce fichier n'est pas accepté"),
    ("rapport\u202efdp.txt", b"texte", "Le nom de ce fichier n'est pas accepté"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_bad_files_are_refused_with_their_reason(db, name, content, message):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))
    assert message in " ".join(error.value.messages)


class Handed:
    """A file handed over by code (not through a browser form): its name is not cut down to the last part."""

    def __init__(self, name, content):
        self._file = SimpleUploadedFile("x", content)
        self.name = name
        self.size = len(content)

    def read(self, *args):
        return self._file.read(*args)

    def seek(self, *args):
        return self._file.seek(*args)


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\boot.pdf", "a/../../b.pdf"])
def test_names_with_path_tricks_are_refused(name):
    with pytest.raises(ValidationError, match="Le nom de ce fichier n'est pas accepté"):
        check_upload(Handed(name, PDF_BYTES))


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES[:6], ids=[name for name, _, _ in BAD_FILES[:6]])
def test_the_share_page_explains_a_refused_file_and_stores_nothing(client_for, media_root, name, content, message):
    response = client_for("adviser").post(
        "/ressources/partager/",
        {
            "title": "Ma trame",
            "summary": "Une trame.",
            "kind": "modele",
            "licence": "cc-by",
            "visibility": "network",
            "file": upload(name, content),
        },
    )
    assert response.status_code == 200
    assert message in text(response)
    assert 'value="Ma trame"' in response.content.decode()  # nothing typed is lost
    assert not Resource.objects.exists()
    assert not list(media_root.rglob("*.*"))


class Oversized:
    """A file that says it is bigger than the limit and fails if anything reads it."""

    name = "enorme.pdf"
    size = 10**12

    def read(self, *args):
        raise AssertionError("an oversized file must not be read")

    seek = read


def test_an_oversized_file_is_refused_before_a_byte_is_read():
    with pytest.raises(ValidationError, match="Le fichier dépasse 20 Mo"):
        check_upload(Oversized())


def test_an_oversized_upload_through_the_page_is_refused(client_for, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 512  # larger bodies are streamed to a temporary file, not memory
    response = client_for("adviser").post(
        "/ressources/partager/",
        {
            "title": "Gros",
            "summary": "Un gros fichier.",
            "kind": "outil",
            "licence": "cc-by",
            "visibility": "network",
            "file": upload("gros.pdf", PDF_BYTES + b"0" * 4096),
        },
    )
    assert "Le fichier dépasse" in text(response)
    assert not Resource.objects.exists()
    assert not list(media_root.rglob("*.*"))


POLYGLOTS = [
    ("photo.png", PNG_BYTES + b"<script>alert(1)</script>"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40 + b"<html><body>"),
    ("rapport.pdf", PDF_BYTES + b"/URI (javascript:alert(1))"),
    ("rapport.pdf", PDF_BYTES + b"x" * (64 * 1024 - 4) + b"<svg onload=1>"),  # marker across two chunks
]


@pytest.mark.parametrize(("name", "content"), POLYGLOTS)
def test_a_polyglot_is_flagged_and_never_served_inline(client_for, network, name, content):
    resource = rf.resource(network.adviser, file=upload(name, content))
    version = resource.current_version
    assert version.may_hold_markup
    response = client_for("other_adviser").get(f"/ressources/fichiers/{version.pk}/")
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    page = text(client_for("other_adviser").get(resource.get_absolute_url()))
    assert "jamais affiché dans le navigateur" in page


def test_a_clean_pdf_keeps_its_type_as_an_attachment(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("referent").get(f"/ressources/fichiers/{resource.current_version.pk}/")
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="grille-entretien.pdf"'
    assert not resource.current_version.may_hold_markup


@pytest.mark.parametrize(
    ("content", "flagged"),
    [
        (b"nom;total\nCIO;=SUM(A1:A9)\n", True),
        (b"nom;total\nCIO;+cmd|' /C calc'!A0\n", True),
        (b"nom;total\n@SUM(1);3\n", True),
        (b'nom,total\n"CIO","-2+3+cmd|calc"\n', True),
        (CSV_BYTES, False),
        (b"nom;solde\nCIO;-12,5\nML;+3\n", False),  # plain numbers are not formulas
    ],
)
def test_csv_cells_that_start_like_formulas_are_flagged(client_for, network, content, flagged):
    resource = rf.resource(network.adviser, file=upload("chiffres.csv", content))
    assert ResourceVersion.objects.get(resource=resource).may_hold_formulas is flagged
    page = text(client_for("referent").get(resource.get_absolute_url()))
    assert ("contient peut-être des formules" in page) is flagged


def test_the_file_is_stored_under_a_random_name_with_its_original_name_kept(network, media_root):
    version = rf.resource(network.adviser, file=upload("Bilan annuel (final).pdf")).current_version
    assert version.original_name == "Bilan_annuel_final.pdf"
    assert version.file.name.startswith("ressources/") and "Bilan" not in version.file.name
    assert (media_root / version.file.name).read_bytes() == PDF_BYTES


def test_the_upload_handler_stops_receiving_at_the_limit(settings, rf_request):
    settings.UPLOAD_MAX_BYTES = 100
    handler = SizeLimitUploadHandler(rf_request)
    handler.new_file("file", "gros.pdf", "application/pdf", 10**9)
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x" * 60, 60)
    assert rf_request.oversized_uploads == {"file"}


@pytest.fixture
def rf_request():
    return RequestFactory().post("/")


@pytest.mark.parametrize("url", ["/ressources/partager/", "new version"])
def test_an_oversized_upload_is_dropped_while_received_and_explained(
    client_for, network, settings, media_root, monkeypatch, url
):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    if url == "new version":
        url = f"/ressources/{rf.resource(network.adviser).pk}/nouvelle-version/"
    received = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        received.append(len(raw_data))
        return original(self, raw_data, start)

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # everything would go to a temporary file
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    response = client_for("adviser").post(
        url,
        {
            "title": "Gros",
            "summary": "Un gros fichier.",
            "kind": "outil",
            "licence": "cc-by",
            "visibility": "network",
            "note": "Plus gros",
            "file": upload("gros.pdf", PDF_BYTES + b"0" * 10 * 1024 * 1024),
        },
    )
    assert response.status_code == 200
    assert "Le fichier dépasse 1 Mo." in text(response)
    assert 0 < sum(received) <= 1024 * 1024  # never more than the limit written to the temporary file
    assert Resource.objects.count() <= 1 and ResourceVersion.objects.count() <= 1


def test_the_upload_views_still_check_the_csrf_token(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.adviser)
    resource = rf.resource(network.adviser)
    for url in ["/ressources/partager/", f"/ressources/{resource.pk}/nouvelle-version/"]:
        assert client.post(url, {"title": "x"}).status_code == 403
    assert Resource.objects.count() == 1
