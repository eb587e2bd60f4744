"""Keeping the stored search vectors of topics, posts and resources up to date (PostgreSQL only).

A topic is found by its title (weight A), its tags and its opening post (B) unless moderation hid it; a post by
its body (B); a resource by its title (A), its summary and tags (B). Every vector is computed by the database in an
UPDATE from the row's own columns, the same expression for one row (after a service wrote it) and for every row
(`refresh_search_vectors`, after a bulk load). On SQLite the columns stay null and search reads the text itself.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Replace

from ..models import Post, Resource, Topic

CONFIG = "french_unaccent"  # created by migration 0005: French stemming on the words without their accents


def _weighted(expression, weight):
    return SearchVector(Coalesce(expression, Value(""), output_field=TextField()), config=CONFIG, weight=weight)


def _tags(field="tags"):
    return Replace(F(field), Value(","), Value(" "), output_field=TextField())


def topic_vector():
    opening = Post.objects.filter(topic=OuterRef("pk"), number=1, is_hidden=False).values("body")[:1]
    return _weighted(F("title"), "A") + _weighted(_tags(), "B") + _weighted(Subquery(opening), "B")


def post_vector():
    return _weighted(F("body"), "B")


def resource_vector():
    return _weighted(F("title"), "A") + _weighted(F("summary"), "B") + _weighted(_tags(), "B")


def is_supported():
    """Full-text search runs on PostgreSQL; elsewhere the vectors are not kept."""
    return connection.vendor == "postgresql"


def search_vectors_update(*, topic_ids=(), post_ids=(), resource_ids=()):
    """Recompute the vectors of these rows, one UPDATE per table (nothing on SQLite)."""
    if not is_supported():
        return
    if topic_ids:
        Topic.objects.filter(pk__in=topic_ids).update(search_vector=topic_vector())
    if post_ids:
        Post.objects.filter(pk__in=post_ids).update(search_vector=post_vector())
    if resource_ids:
        Resource.objects.filter(pk__in=resource_ids).update(search_vector=resource_vector())


def refresh_search_vectors():
    """Recompute every vector, one set-based UPDATE per table: for data written without the services (bulk loads).
    Returns the number of rows updated per table."""
    if not is_supported():
        return {}
    return {
        "posts": Post.objects.update(search_vector=post_vector()),
        "topics": Topic.objects.update(search_vector=topic_vector()),
        "resources": Resource.objects.update(search_vector=resource_vector()),
    }
