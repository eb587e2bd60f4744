"""Charter versions and signatures: drafting, publishing, copying, and signing on behalf of a structure."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from spro_portal import fragments

from ..models import CharterSignature, CharterVersion, CommitmentItem
from . import ServiceError

PUBLISHED_IS_FROZEN = (
    "Une version publiée de la charte n'est jamais modifiée : créez une nouvelle version à partir d'elle."
)


def _lock_draft(version):
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ServiceError(PUBLISHED_IS_FROZEN)
    return version


def _check_items(items):
    codes = [item["code"].strip() for item in items]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ServiceError(f"Chaque engagement a un code unique : {', '.join(duplicates)} est utilisé plusieurs fois.")


def _replace_items(version, items):
    # A draft's items are referenced by nothing yet, so they are simply rewritten as the form shows them.
    version.items.all().delete()
    CommitmentItem.objects.bulk_create(
        CommitmentItem(
            version=version,
            code=item["code"].strip(),
            title=item["title"].strip(),
            description=item.get("description", "").strip(),
            category=item["category"],
            position=item.get("position") or 0,
        )
        for item in items
    )


def charter_version_create(*, title, effective_date, body, items, created_by):
    """Start a draft version with its commitment items (a list of dicts: code, title, description, category…)."""
    _check_items(items)
    with transaction.atomic():
        version = CharterVersion.objects.create(
            title=title.strip(), effective_date=effective_date, body=body, created_by=created_by
        )
        _replace_items(version, items)
    return version


def charter_version_update(*, version, title, effective_date, body, items):
    """Rewrite a draft; a published version is refused."""
    _check_items(items)
    with transaction.atomic():
        version = _lock_draft(version)
        version.title = title.strip()
        version.effective_date = effective_date
        version.body = body
        version.save(update_fields=["title", "effective_date", "body"])
        _replace_items(version, items)
    return version


def charter_version_publish(*, version, published_by):
    """Publish a draft that has at least one commitment item; from then on it is never edited."""
    with transaction.atomic():
        version = _lock_draft(version)
        if not version.items.exists():
            raise ServiceError("Une version sans engagement ne peut pas être publiée : ajoutez au moins un engagement.")
        version.status = CharterVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = published_by
        version.save(update_fields=["status", "published_at", "published_by"])
    return version


def charter_version_copy(*, source, created_by):
    """Start a new draft from a version's text and items, so the next version is an edit, not a rewrite."""
    with transaction.atomic():
        version = CharterVersion.objects.create(
            title=f"{source.title} (nouvelle version)"[:200],
            effective_date=max(timezone.localdate(), source.effective_date),
            body=source.body,
            created_by=created_by,
        )
        CommitmentItem.objects.bulk_create(
            CommitmentItem(
                version=version,
                code=item.code,
                title=item.title,
                description=item.description,
                category=item.category,
                position=item.position,
            )
            for item in source.items.all()
        )
    return version


def charter_sign(*, structure, version, signed_by):
    """A referent signs a published version for their structure; signing the same version twice is refused."""
    if version is None or not version.is_published:
        raise ServiceError("Seule une version publiée de la charte peut être signée.")
    existing = CharterSignature.objects.filter(structure=structure, version=version).select_related("signed_by").first()
    if existing:
        raise ServiceError(_already_signed(existing))
    try:
        with transaction.atomic():
            return CharterSignature.objects.create(structure=structure, version=version, signed_by=signed_by)
    except IntegrityError:
        # Two referents clicked at the same moment: the other signature stands.
        existing = CharterSignature.objects.select_related("signed_by").get(structure=structure, version=version)
        raise ServiceError(_already_signed(existing)) from None


def _already_signed(signature):
    who = f" par {signature.signed_by}" if signature.signed_by else ""
    when = timezone.localtime(signature.signed_at).strftime("%d/%m/%Y")
    return f"Votre structure a déjà signé cette version de la charte (le {when}{who})."


def structures_without_current_signature(structure_ids):
    """Of these structures, those that have not signed the version in force (none when no version is in force):
    `structure_has_signed_current_charter` for many structures, in two queries."""
    current = CharterVersion.objects.current()
    if current is None:
        return set()
    signed = CharterSignature.objects.filter(structure_id__in=structure_ids, version=current)
    return set(structure_ids) - set(signed.values_list("structure_id", flat=True))


CHARTER = "charter"  # the generation renewed by any change to a charter version or a signature (members.signals)


def structure_has_signed_current_charter(structure):
    """False when a version is in force and the structure has not signed it (None when no version is in force).
    Asked on every page a referent opens (the banner): kept until a version or a signature changes, or the day
    does (a version comes into force on its date, with no save)."""
    key = fragments.key_of("charter-signed", structure.pk, timezone.localdate(), fragments.generations(CHARTER))
    return fragments.value(key, lambda: _has_signed_current(structure))


def _has_signed_current(structure):
    current = CharterVersion.objects.current()
    if current is None:
        return None
    return CharterSignature.objects.filter(structure=structure, version=current).exists()
