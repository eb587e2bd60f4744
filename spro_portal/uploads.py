"""Checks on every uploaded file of the portal: size, type read from the content (never from the name), clean name,
and two warnings kept with the file (markup hidden in an image or PDF, formulas in a CSV).

The type comes from puremagic (pure-Python signatures, kept up to date upstream); office files are zip archives
it cannot tell apart, so their parts are read here. The size is checked before a byte is read: Django has already
streamed anything over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, and the scans below read in chunks.
"""

import codecs
import csv
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import wraps

import puremagic
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.text import get_valid_filename
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MAX_NAME_LENGTH = 100
HEAD_BYTES = 8192
CHUNK_BYTES = 64 * 1024
ACCEPTED_TYPES_MESSAGE = (
    "Ce type de fichier n'est pas accepté : PDF, images PNG/JPEG, documents bureautiques (Word, Excel, PowerPoint, "
    "OpenDocument), texte ou CSV."
)

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

# What puremagic recognises → our kind; zip archives are looked into, text has no signature.
_MAGIC_MIME_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpeg"}
_OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_OPENDOCUMENT_MIMETYPES = {KINDS[kind][0]: kind for kind in ("odt", "ods", "odp")}
# Files that are refused whatever their name, with the reason a person understands.
_DANGEROUS = {
    "exe": "C'est un programme exécutable",
    "markup": "C'est une page web (HTML) ou une image SVG, qui pourrait exécuter du code",
}
_EXECUTABLE_HEADS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
# A web page or an SVG image (what a browser would open and run), however it is named. A text file that merely
# quotes some markup is accepted: text is always downloaded, never shown as a page.
_MARKUP_START = re.compile(
    rb"^\s*(<!doctype\s+(html|svg)|<html|<svg|<\?xml[^>]*>\s*(<!--.*?-->\s*)*(<!doctype\s+svg[^>]*>\s*)?<svg)",
    re.I | re.S,
)
# Markup that a browser would run if it ever opened the file as a page (a polyglot image or PDF).
_MARKUP_MARKERS = (b"<script", b"<html", b"<svg", b"javascript:", b"<iframe", b"<body", b"onload=", b"onerror=")
_LONGEST_MARKER = max(len(marker) for marker in _MARKUP_MARKERS)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d[\d\s]*([.,]\d+)?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
_TEXT_KINDS = {"txt", "csv"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    kind: str = ""
    label: str = ""
    may_hold_markup: bool = False  # never served inline, whatever its type
    may_hold_formulas: bool = False  # a CSV that a spreadsheet would run as formulas


def max_bytes():
    return settings.UPLOAD_MAX_BYTES


def megabytes(size):
    return f"{size / (1024 * 1024):g}".replace(".", ",")


def too_big_message():
    return f"Le fichier dépasse {megabytes(max_bytes())} Mo."


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops receiving a file as soon as it passes the limit, so an oversized upload never fills the disk or the
    memory: the rest of it is read off the connection and dropped. The field's name is noted on the request
    (`request.oversized_uploads`) for the form to say why the file is missing."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_bytes():
            self.request.oversized_uploads = {*getattr(self.request, "oversized_uploads", ()), self.field_name}
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers (memory or temporary file) build the uploaded file


def limit_upload_size(view):
    """For views that receive files: the size limit applies while the request is read. The handler must be in
    place before anything reads request.POST, CSRF checks included, hence the exempt-then-protect pair."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def check_upload(upload):
    """Return the file's clean name, checked content type and warnings, or raise a ValidationError in French."""
    limit = max_bytes()
    if upload.size is None or upload.size > limit:  # before reading: an oversized file is never read
        raise ValidationError(too_big_message(), code="too_big")
    if upload.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    _check_name(upload.name)
    extension = os.path.splitext(upload.name or "")[1].lower()
    try:
        kind = _detect(upload, extension)
    finally:
        upload.seek(0)
    if kind in _DANGEROUS:
        if extension in ACCEPTED_EXTENSIONS:
            raise ValidationError(
                f"Le contenu de ce fichier ne correspond pas à son extension « {extension} ». {_DANGEROUS[kind]}, "
                "refusé pour la sécurité de tous.",
                code="dangerous",
            )
        raise ValidationError(ACCEPTED_TYPES_MESSAGE, code="type")
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
    try:
        markup = kind in {"pdf", "png", "jpeg"} and _holds_markup(upload)
        formulas = kind == "csv" and _holds_formulas(upload)
    finally:
        upload.seek(0)
    return CheckedFile(
        name=clean_name(upload.name, extension),
        content_type=content_type,
        size=upload.size,
        kind=kind,
        label=label,
        may_hold_markup=markup,
        may_hold_formulas=formulas,
    )


def clean_name(name, extension):
    base = os.path.splitext(os.path.basename(name or ""))[0]
    try:
        base = get_valid_filename(base)
    except SuspiciousFileOperation:
        base = ""
    base = base[: MAX_NAME_LENGTH - len(extension)] or "fichier"
    return f"{base}{extension}"


def _check_name(name):
    """Refuse the names that try to reach another folder or hide what they are (Django keeps only the last part of
    a path sent by a browser; this also covers files handed over by code)."""
    name = name or ""
    stem = os.path.splitext(name)[0].strip().lower()
    tricks = (
        "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or any(unicodedata.category(char) in {"Cc", "Cf"} for char in name)
        or stem.split(".")[0] in _WINDOWS_RESERVED
    )
    if tricks:
        raise ValidationError(
            "Le nom de ce fichier n'est pas accepté (chemin, caractères invisibles ou nom réservé) : "
            "renommez-le simplement, par exemple « bilan-2026.pdf ».",
            code="name",
        )


def _detect(upload, extension):
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    if head.startswith(_EXECUTABLE_HEADS):
        return "exe"
    if _MARKUP_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "markup"
    magic = _magic_mime_types(head)
    if "application/vnd.microsoft.portable-executable" in magic:
        return "exe"
    found = next((_MAGIC_MIME_TYPES[mime] for mime in magic if mime in _MAGIC_MIME_TYPES), None)
    if found:
        return found
    if head.startswith(b"PK\x03\x04"):
        return _detect_office(upload)
    if extension in {".txt", ".csv"}:
        return _detect_text(upload, extension)
    return None


def _magic_mime_types(head):
    try:
        return {match.mime_type for match in puremagic.magic_string(head) if match.confidence >= 0.3}
    except (puremagic.PureError, ValueError):
        return set()


def _detect_office(upload):
    upload.seek(0)
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
    """UTF-8 text without NUL bytes, read in chunks."""
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: upload.read(CHUNK_BYTES), b""):
            if b"\x00" in chunk:
                return None
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return extension.lstrip(".")


def _holds_markup(upload):
    """Whether the bytes hold markup a browser would run, read in chunks that overlap by a marker's length."""
    upload.seek(0)
    tail = b""
    for chunk in iter(lambda: upload.read(CHUNK_BYTES), b""):
        window = (tail + chunk).lower()
        if any(marker in window for marker in _MARKUP_MARKERS):
            return True
        tail = window[-_LONGEST_MARKER:]
    return False


def _holds_formulas(upload):
    """Whether a cell starts like a spreadsheet formula (=, +, -, @); plain numbers such as -12,5 are not."""
    upload.seek(0)
    sample = upload.read(HEAD_BYTES).decode("utf-8", "ignore")
    upload.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    lines = (line.decode("utf-8") for line in upload)  # File iterates by line, one chunk at a time
    try:
        for row in csv.reader(lines, dialect):
            for cell in row:
                stripped = cell.lstrip(" ")
                if stripped.startswith(_FORMULA_STARTS) and not _NUMBER.match(stripped.strip()):
                    return True
    except csv.Error:
        return True  # a broken CSV is shown with the warning rather than trusted
    return False
