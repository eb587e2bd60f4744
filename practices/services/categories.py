"""The forum's categories, created and adapted by coordinators. Never deleted: topics hang on them."""

from django.db import transaction
from django.utils.text import slugify

from ..models import Category
from . import ServiceError


def _unique_slug(name, exclude_pk=None):
    base = slugify(name)[:70] or "categorie"
    slug, number = base, 1
    while Category.objects.exclude(pk=exclude_pk).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def category_create(*, name, kind, mission, description, position):
    if not name.strip():
        raise ServiceError("Donnez un nom à la catégorie.")
    with transaction.atomic():
        return Category.objects.create(
            name=name.strip(),
            slug=_unique_slug(name),
            kind=kind,
            mission=mission,
            description=description.strip(),
            position=position,
        )


def category_update(*, category, name, kind, mission, description, position):
    """Rename or move a category; its address (slug) stays, so bookmarks keep working."""
    if not name.strip():
        raise ServiceError("Donnez un nom à la catégorie.")
    category.name = name.strip()
    category.kind = kind
    category.mission = mission
    category.description = description.strip()
    category.position = position
    category.save(update_fields=["name", "kind", "mission", "description", "position"])
    return category
