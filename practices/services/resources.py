"""Sharing, versioning, editing and withdrawing resources, telling reuse stories, counting downloads.

A file is checked (spro_portal.uploads) before anything is written, then stored under a random name through the
storage API. Counters move in one UPDATE with F(), so two downloads at once count two. The author of a reused
resource is told by e-mail, queued after the commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from spro_portal import fragments
from spro_portal.markdown import render_markdown
from spro_portal.uploads import check_upload

from .. import signals, tasks
from ..models import Resource, ResourceVersion, ReuseStory, Visibility
from ..models.resources import RESOURCE_TITLE_MAX_LENGTH
from ..signals import LIBRARY
from . import ServiceError
from .forum import normalize_tags
from .search import search_vectors_update


def _checked(upload):
    try:
        return check_upload(upload)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from None


def _check_fields(*, title, summary, url, upload, visibility, working_group):
    if not title.strip():
        raise ServiceError("Donnez un titre à la ressource.")
    if len(title) > RESOURCE_TITLE_MAX_LENGTH:
        raise ServiceError(f"Le titre est trop long ({RESOURCE_TITLE_MAX_LENGTH} caractères au plus).")
    if not summary.strip():
        raise ServiceError("Présentez la ressource en quelques lignes.")
    if url and not url.lower().startswith(("http://", "https://")):
        raise ServiceError("Seuls les liens http:// ou https:// sont acceptés.")
    if upload is not None and url:
        raise ServiceError("Joignez un fichier ou donnez un lien, pas les deux.")
    if visibility == Visibility.GROUP and working_group is None:
        raise ServiceError("Choisissez le groupe de travail avec lequel partager la ressource.")


def _store_version(*, resource, upload, checked, note, added_by, number, now):
    version = ResourceVersion(
        resource=resource,
        number=number,
        original_name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        may_hold_markup=checked.may_hold_markup,
        may_hold_formulas=checked.may_hold_formulas,
        note=note.strip(),
        added_by=added_by,
        added_at=now,
    )
    version.file.save(checked.name, upload, save=False)  # default_storage, under version_upload_to's random name
    version.save()
    return version


def resource_create(
    *,
    author,
    structure,
    title,
    summary,
    kind,
    licence,
    url="",
    upload=None,
    missions=(),
    audiences=(),
    tags="",
    co_authors=(),
    derived_from=None,
    visibility=Visibility.NETWORK,
    working_group=None,
    note="",
):
    """Share a resource: a file (its first version) or a link, with its credit and licence."""
    url = (url or "").strip()
    _check_fields(
        title=title, summary=summary, url=url, upload=upload, visibility=visibility, working_group=working_group
    )
    if upload is None and not url:
        raise ServiceError("Joignez un fichier ou donnez le lien de la ressource.")
    checked = _checked(upload) if upload is not None else None
    now = timezone.now()
    with transaction.atomic():
        resource = Resource.objects.create(
            title=title.strip(),
            summary=summary,
            summary_html=render_markdown(summary),
            kind=kind,
            tags=normalize_tags(tags),
            url="" if checked else url,
            has_file=checked is not None,
            author=author,
            author_structure=structure,
            licence=licence,
            derived_from=derived_from,
            visibility=visibility,
            working_group=working_group if visibility == Visibility.GROUP else None,
            created_at=now,
            updated_at=now,
        )
        resource.missions.set(missions)
        resource.audiences.set(audiences)
        resource.co_authors.set([s for s in co_authors if structure is None or s.pk != structure.pk])
        if checked:
            version = _store_version(
                resource=resource, upload=upload, checked=checked, note=note, added_by=author, number=1, now=now
            )
            Resource.objects.filter(pk=resource.pk).update(current_version=version)
            resource.current_version = version
        search_vectors_update(resource_ids=[resource.pk])
    return resource


def resource_add_version(*, resource, upload, note, added_by):
    """Upload a new file; the earlier versions stay downloadable, and the note says what changed."""
    if not resource.has_file:
        raise ServiceError("Cette ressource est un lien : elle n'a pas de versions de fichier.")
    if not note.strip():
        raise ServiceError("Dites en une phrase ce qui a changé dans cette version.")
    checked = _checked(upload)
    now = timezone.now()
    with transaction.atomic():
        # The UPDATE comes first: it locks the row, so two uploads at once get numbers one after the other.
        Resource.objects.filter(pk=resource.pk).update(updated_at=now)
        last = resource.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = _store_version(
            resource=resource, upload=upload, checked=checked, note=note, added_by=added_by, number=last + 1, now=now
        )
        Resource.objects.filter(pk=resource.pk).update(current_version=version)
    return version


def resource_edit(
    *,
    resource,
    title,
    summary,
    kind,
    licence,
    url="",
    missions=(),
    audiences=(),
    tags="",
    co_authors=(),
    derived_from=None,
    visibility=Visibility.NETWORK,
    working_group=None,
):
    """Change what is said of a resource (its files change through new versions)."""
    url = (url or "").strip()
    _check_fields(
        title=title, summary=summary, url=url, upload=None, visibility=visibility, working_group=working_group
    )
    if not resource.has_file and not url:
        raise ServiceError("Donnez le lien de la ressource.")
    if derived_from is not None and derived_from.pk == resource.pk:
        raise ServiceError("Une ressource ne peut pas être adaptée d'elle-même.")
    with transaction.atomic():
        resource.title = title.strip()
        resource.summary = summary
        resource.summary_html = render_markdown(summary)
        resource.kind = kind
        resource.licence = licence
        resource.url = "" if resource.has_file else url
        resource.tags = normalize_tags(tags)
        resource.derived_from = derived_from
        resource.visibility = visibility
        resource.working_group = working_group if visibility == Visibility.GROUP else None
        resource.updated_at = timezone.now()
        resource.save()
        resource.missions.set(missions)
        resource.audiences.set(audiences)
        resource.co_authors.set([s for s in co_authors if s.pk != resource.author_structure_id])
        search_vectors_update(resource_ids=[resource.pk])
    return resource


def resource_withdraw(*, resource, withdrawn_by):
    """Withdraw a resource: hidden from the library, kept with its files, versions and stories."""
    Resource.objects.filter(pk=resource.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=withdrawn_by
    )
    fragments.renew_on_commit(LIBRARY)  # it leaves the lists (by update(), which sends no signal)
    resource.refresh_from_db(fields=["withdrawn_at", "withdrawn_by"])
    return resource


def reuse_story_create(*, resource, author, structure, context, adaptations, outcome=""):
    """Tell how one's structure reused a resource; its author is told by e-mail after the commit."""
    if resource.is_withdrawn:
        raise ServiceError("Cette ressource a été retirée : on ne peut plus raconter sa réutilisation.")
    if not context.strip() or not adaptations.strip():
        raise ServiceError("Dites le contexte et ce que vous avez adapté.")
    with transaction.atomic():
        story = ReuseStory.objects.create(
            resource=resource,
            author=author,
            structure=structure,
            context=context.strip(),
            adaptations=adaptations.strip(),
            outcome=outcome.strip(),
            created_at=timezone.now(),
        )
        Resource.objects.filter(pk=resource.pk).update(reuse_count=F("reuse_count") + 1)
        fragments.renew_on_commit(signals.LIBRARY_COUNTS)
        if resource.author_id != author.pk:
            transaction.on_commit(lambda: tasks.send_resource_reused_email.delay(story.pk))
    return story


def download_record(*, version):
    """Count one download, in one UPDATE (never read, add and save)."""
    Resource.objects.filter(pk=version.resource_id).update(download_count=F("download_count") + 1)
    fragments.renew_on_commit(signals.LIBRARY_COUNTS)  # the lists show it, and update() sends no signal
