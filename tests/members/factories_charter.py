"""Factories for the charter and commitments (issue 3)."""

from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from members.models import (
    CharterSignature,
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentSet,
    Evidence,
    ReviewCycle,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    title = factory.Sequence(lambda n: f"Charte du SPRO, version {n}")
    effective_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    body = "## Préambule\n\nLes structures du SPRO s'engagent à **accueillir toute personne**."
    status = CharterVersion.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommitmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentItem

    version = factory.SubFactory(CharterVersionFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    title = factory.Sequence(lambda n: f"Engagement numéro {n}")
    description = "Ce que la structure fait concrètement."
    category = CommitmentItem.Category.MISSIONS
    position = factory.Sequence(lambda n: n)


class CharterSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterSignature

    version = factory.SubFactory(CharterVersionFactory)


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCycle
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class CommitmentSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentSet

    cycle = factory.SubFactory(ReviewCycleFactory)
    charter_version = factory.SubFactory(CharterVersionFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    commitment_set = factory.SubFactory(CommitmentSetFactory)
    item = factory.SubFactory(CommitmentItemFactory)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    commitment = factory.SubFactory(CommitmentFactory)
    label = factory.Sequence(lambda n: f"Preuve {n}")
    url = "https://exemple.fr/bilan"


class FileEvidenceFactory(EvidenceFactory):
    url = ""
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="bilan.pdf"))
    content_type = "application/pdf"
    size = len(PDF_BYTES)


def published_charter(items=3, **kwargs):
    """A published version in force, with `items` commitment items spread over the categories."""
    version = CharterVersionFactory(**kwargs)
    categories = [choice for choice, _ in CommitmentItem.Category.choices]
    for index in range(items):
        CommitmentItemFactory(version=version, code=f"C{index + 1}", category=categories[index % 4], position=index)
    return version


def open_cycle(year=None):
    today = timezone.localdate()
    return ReviewCycleFactory(
        year=year or today.year, opens_on=today - timedelta(days=10), due_on=date(today.year, 12, 31)
    )
