"""Factories for the review of commitments: cycles, charter versions, submitted sets and their submissions."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from members.models import (
    CharterSignature,
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentSet,
    CommitmentSubmission,
    ReviewCycle,
)
from tests.factories import StructureFactory


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCycle
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2026 - n)
    opens_on = factory.LazyAttribute(lambda o: date(o.year, 1, 15))
    due_on = factory.LazyAttribute(lambda o: date(o.year, 12, 31))


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    title = factory.Sequence(lambda n: f"Charte du SPRO, version {n + 1}")
    effective_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    body = "Les structures du SPRO s'engagent à accueillir, informer, conseiller et accompagner."
    status = CharterVersion.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommitmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentItem

    version = factory.SubFactory(CharterVersionFactory)
    code = factory.Sequence(lambda n: f"E{n + 1}")
    title = factory.LazyAttribute(lambda o: f"Engagement {o.code}")
    category = CommitmentItem.Category.MISSIONS
    position = factory.Sequence(lambda n: n)


class CharterSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterSignature

    structure = factory.SubFactory(StructureFactory)
    version = factory.SubFactory(CharterVersionFactory)


class CommitmentSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentSet

    structure = factory.SubFactory(StructureFactory)
    cycle = factory.SubFactory(ReviewCycleFactory, year=2026)
    charter_version = factory.SubFactory(CharterVersionFactory)
    status = CommitmentSet.Status.DRAFT


def charter_with_items(count=3, **kwargs):
    """A published charter version with `count` items E1, E2…"""
    version = CharterVersionFactory(**kwargs)
    for position in range(count):
        CommitmentItemFactory(
            version=version,
            code=f"E{position + 1}",
            title=f"Engagement numéro {position + 1}",
            position=position,
        )
    return version


def snapshot_entry(item, text, evidence=None):
    return {
        "item_id": item.pk,
        "code": item.code,
        "title": item.title,
        "text": text,
        "evidence": evidence if evidence is not None else [],
    }


def submit(commitment_set, *, by=None, texts=None, evidence=None, days_ago=0):
    """What the referent's submission does: a numbered snapshot of the current texts, and status `submitted`."""
    texts = texts or {}
    commitments = list(commitment_set.commitments.select_related("item").order_by("item__position"))
    for commitment in commitments:
        if commitment.item.code in texts:
            commitment.text = texts[commitment.item.code]
            commitment.save(update_fields=["text"])
    number = commitment_set.submissions.count() + 1
    submission = CommitmentSubmission.objects.create(
        commitment_set=commitment_set,
        number=number,
        submitted_by=by,
        snapshot=[snapshot_entry(c.item, c.text, (evidence or {}).get(c.item.code)) for c in commitments],
    )
    submitted_at = timezone.now() - timedelta(days=days_ago)
    CommitmentSubmission.objects.filter(pk=submission.pk).update(submitted_at=submitted_at)
    submission.refresh_from_db()
    commitment_set.status = CommitmentSet.Status.SUBMITTED
    commitment_set.submitted_at = submitted_at
    commitment_set.submitted_by = by
    commitment_set.save(update_fields=["status", "submitted_at", "submitted_by"])
    return submission


def submitted_set(structure, *, cycle=None, version=None, items=3, by=None, days_ago=0, texts=None, evidence=None):
    """A structure's commitment set with one text per item of the charter, submitted once."""
    version = version or charter_with_items(items)
    cycle = cycle or ReviewCycleFactory(year=2026)
    commitment_set = CommitmentSetFactory(structure=structure, cycle=cycle, charter_version=version)
    for item in version.items.all():
        Commitment.objects.create(
            commitment_set=commitment_set,
            item=item,
            text=f"{structure.name} tient l'engagement {item.code} ainsi, en {cycle.year}.",
        )
    submit(commitment_set, by=by, texts=texts, evidence=evidence, days_ago=days_ago)
    return commitment_set
