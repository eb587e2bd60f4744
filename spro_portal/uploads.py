"""Checks on every uploaded file of the portal: size, type read from the content (never from the name), clean name."""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename

MAX_NAME_LENGTH = 100
ACCEPTED_TYPES_MESSAGE = "Ce type de fichier n'est pas accepté : PDF, images PNG/JPEG, documents bureautiques, texte."

# kind → (content type, accepted extensions, what a person calls it)
KINDS = {
    "pdf": ("application/pdf", {".pdf"}, "PDF"),
    "png": ("image/png", {".png"}, "image PNG"),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}, "image JPEG"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {".docx"},
        "document Word",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}, "classeur Excel"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        {".pptx"},
        "présentation PowerPoint",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", {".odt"}, "document OpenDocument"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", {".ods"}, "classeur OpenDocument"),
    "odp": ("application/vnd.oasis.opendocument.presentation", {".odp"}, "présentation OpenDocument"),
    "txt": ("text/plain; charset=utf-8", {".txt"}, "texte"),
    "csv": ("text/csv; charset=utf-8", {".csv"}, "tableau CSV"),
}
ACCEPTED_EXTENSIONS = set().union(*(extensions for _, extensions, _ in KINDS.values()))

_OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_OPENDOCUMENT_MIMETYPES = {KINDS[kind][0]: kind for kind in ("odt", "ods", "odp")}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def max_bytes():
    return settings.UPLOAD_MAX_BYTES


def check_upload(upload):
    """Return the file's clean name and checked content type, or raise a ValidationError in French."""
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(f"Le fichier dépasse {megabytes(limit)} Mo.", code="too_big")
    if upload.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    extension = os.path.splitext(upload.name or "")[1].lower()
    kind = _detect(upload, extension)
    if kind is None:
        if extension in ACCEPTED_EXTENSIONS:
            raise ValidationError(
                f"Le contenu de ce fichier ne correspond pas à son extension « {extension} ».", code="mismatch"
            )
        raise ValidationError(ACCEPTED_TYPES_MESSAGE, code="type")
    content_type, extensions, label = KINDS[kind]
    if extension not in extensions:
        shown = extension or "(aucune)"
        raise ValidationError(
            f"L'extension du fichier « {shown} » ne correspond pas à son contenu ({label}) : "
            f"renommez-le en {' ou '.join(sorted(extensions))}.",
            code="mismatch",
        )
    return CheckedFile(name=clean_name(upload.name, extension), content_type=content_type, size=upload.size)


def clean_name(name, extension):
    base = os.path.splitext(os.path.basename(name or ""))[0]
    try:
        base = get_valid_filename(base)
    except SuspiciousFileOperation:
        base = ""
    base = base[: MAX_NAME_LENGTH - len(extension)] or "fichier"
    return f"{base}{extension}"


def megabytes(size):
    return f"{size / (1024 * 1024):g}".replace(".", ",")


def _detect(upload, extension):
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            return _detect_office(upload)
        if extension in {".txt", ".csv"}:
            return _detect_text(upload, extension)
        return None
    finally:
        upload.seek(0)


def _detect_office(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return _OPENDOCUMENT_MIMETYPES.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _detect_text(upload, extension):
    content = upload.read()
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return extension.lstrip(".")
