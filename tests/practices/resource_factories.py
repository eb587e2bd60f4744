"""Library rows for tests, written through the real services (files checked and stored, counters moved)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from practices.models import Kind, Licence, Visibility
from practices.services import resources as services

from .factories import structure_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
CSV_BYTES = b"structure;accueils\nCIO de Rennes;120\n"


def upload(name="grille-entretien.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def office_zip(parts, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for part in parts:
            archive.writestr(part, "<xml/>")
    return buffer.getvalue()


def resource(
    author,
    *,
    title="Grille d'entretien de premier accueil",
    summary="Une grille pour **le premier entretien**.",
    kind=Kind.TOOL,
    licence=Licence.CC_BY,
    file=None,
    url="",
    visibility=Visibility.NETWORK,
    group=None,
    derived_from=None,
    co_authors=(),
):
    if file is None and not url:
        file = upload()
    return services.resource_create(
        author=author,
        structure=structure_of(author),
        title=title,
        summary=summary,
        kind=kind,
        licence=licence,
        url=url,
        upload=file,
        visibility=visibility,
        working_group=group,
        derived_from=derived_from,
        co_authors=co_authors,
    )


def story(resource_, author, *, context="Ateliers collectifs au CIO.", adaptations="Questions simplifiées."):
    return services.reuse_story_create(
        resource=resource_,
        author=author,
        structure=structure_of(author),
        context=context,
        adaptations=adaptations,
        outcome="Les jeunes ont mieux participé.",
    )


def one_of_each(network):
    """A row of every library model (the admin test opens each one); files go to the test's media root."""
    origin = resource(network.adviser)
    derived = resource(network.other_adviser, title="Grille adaptée", url="https://exemple.fr/g", derived_from=origin)
    services.resource_add_version(
        resource=origin, upload=upload(), note="Une question de plus.", added_by=network.adviser
    )
    story(origin, network.other_adviser)
    return derived
