"""Personal data past its retention limit (settings.RETENTION_DAYS, one per kind) is deleted; each app says which
of its rows are past it through its `retention_rules` offer."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from spro_portal import composition


@dataclass(frozen=True)
class PurgeCount:
    kind: str
    label: str
    days: int
    count: int


def personal_data_purge(*, now=None, dry_run=False):
    """Delete, kind by kind, the rows older than that kind's limit; with `dry_run`, only count them."""
    now = now or timezone.now()
    counts = []
    for rule in composition.retention_rules():
        expired = rule.expired(now - timedelta(days=rule.days))
        if dry_run:
            count = expired.count()
        else:
            with transaction.atomic():
                count = _delete(expired)
        counts.append(PurgeCount(rule.kind, rule.label, rule.days, count))
    return counts


def _delete(queryset):
    """Delete the rows (and what cascades from them); the count is of the rows themselves."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    if hasattr(model, "delete_personal_files"):  # rows that own a file (the « Mes données » archives)
        for row in model.objects.filter(pk__in=pks):
            row.delete_personal_files()
    _, per_model = model.objects.filter(pk__in=pks).delete()
    return per_model.get(model._meta.label, 0)
