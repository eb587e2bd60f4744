"""factory-boy factories for the portal's models, one per model, and the helpers that build a published charter, an
open review cycle and submitted commitments. Every test module imports from here."""

from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from members.models import (
    CharterSignature,
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentSet,
    CommitmentSubmission,
    Coordinator,
    Evidence,
    ExpertiseArea,
    Invitation,
    JoinRequest,
    LabelStatusChange,
    Membership,
    ReviewCycle,
    Structure,
    Territory,
    User,
)
from members.models.commitments import snapshot_entry

PASSWORD = "mot-de-passe-de-test-2026"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


# Network: territories, structures, people


class _NamedWithSlugFactory(factory.django.DjangoModelFactory):
    """A reference row found again by its slug: `name` numbered, `slug` derived from it."""

    class Meta:
        abstract = True
        django_get_or_create = ["slug"]

    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TerritoryFactory(_NamedWithSlugFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Territoire {n}")


class ExpertiseAreaFactory(_NamedWithSlugFactory):
    class Meta:
        model = ExpertiseArea

    name = factory.Sequence(lambda n: f"Domaine {n}")


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"CIO numéro {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    type = Structure.Type.CIO
    territory = factory.SubFactory(TerritoryFactory)
    commune = "Rennes"
    label_status = Structure.LabelStatus.LABELLED


class LabelStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabelStatusChange

    structure = factory.SubFactory(StructureFactory)
    from_status = "candidate"
    to_status = "labelled"
    reason = "Engagements de la charte validés en commission."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Membership.Role.ADVISER


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    is_regional = False

    @factory.post_generation
    def territories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.territories.set(extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invite{n}@exemple.fr")
    structure = factory.SubFactory(StructureFactory)
    role = Membership.Role.ADVISER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    message = "Je travaille dans cette structure depuis septembre."
    referents_notified_at = factory.LazyFunction(timezone.now)  # as for a person whose address is verified


# Charter


class CharterVersionFactory(factory.django.DjangoModelFactory):
    """A published version in force for a month.

    The body is Markdown with a heading and bold text (the charter tests read them rendered); the review tests' plain
    body was dropped, nothing read it.
    """

    class Meta:
        model = CharterVersion

    title = factory.Sequence(lambda n: f"Charte du SPRO, version {n}")
    effective_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    body = "## Préambule\n\nLes structures du SPRO s'engagent à **accueillir toute personne**."
    status = CharterVersion.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommitmentItemFactory(factory.django.DjangoModelFactory):
    """An item with a description; its title is numbered like its code (`published_charter` sets both)."""

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

    structure = factory.SubFactory(StructureFactory)
    version = factory.SubFactory(CharterVersionFactory)


def published_charter(items=3, *, code="C", **kwargs):
    """A published version in force with `items` commitment items `{code}1`, `{code}2`… titled "Engagement numéro 1"…
    and spread over the four categories. The charter and commitments tests use codes C…, the review tests E…."""
    version = CharterVersionFactory(**kwargs)
    categories = CommitmentItem.Category.values
    for index in range(items):
        CommitmentItemFactory(
            version=version,
            code=f"{code}{index + 1}",
            title=f"Engagement numéro {index + 1}",
            category=categories[index % len(categories)],
            position=index,
        )
    return version


# Review cycles and commitments


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    """The cycle of a year (found again by its year), open from 15 January to 31 December of that year.

    Of the two former factories, this keeps the review tests' dates computed from the year, which they rely on when
    they create 2025 and 2026 cycles; the default year is the current one. `open_cycle()` is a cycle opened ten days
    ago.
    """

    class Meta:
        model = ReviewCycle
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyAttribute(lambda o: date(o.year, 1, 15))
    due_on = factory.LazyAttribute(lambda o: date(o.year, 12, 31))


def open_cycle(year=None):
    """A cycle opened ten days ago and due at the end of this year (the current cycle, unless another opened later)."""
    today = timezone.localdate()
    return ReviewCycleFactory(
        year=year or today.year, opens_on=today - timedelta(days=10), due_on=date(today.year, 12, 31)
    )


class CommitmentSetFactory(factory.django.DjangoModelFactory):
    """A draft set of a structure (the review tests' factory, which names the structure and the status)."""

    class Meta:
        model = CommitmentSet

    structure = factory.SubFactory(StructureFactory)
    cycle = factory.SubFactory(ReviewCycleFactory)
    charter_version = factory.SubFactory(CharterVersionFactory)
    status = CommitmentSet.Status.DRAFT


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    commitment_set = factory.SubFactory(CommitmentSetFactory)
    item = factory.SubFactory(CommitmentItemFactory, version=factory.SelfAttribute("..commitment_set.charter_version"))


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A web link; `FileEvidenceFactory` is a PDF file."""

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


def _snapshot(commitment, evidence=None):
    entry = snapshot_entry(commitment.item, commitment.text, commitment.kept)
    if evidence is not None:
        entry["evidence"] = evidence
    return entry


def submit(commitment_set, *, by=None, texts=None, evidence=None, days_ago=0):
    """What the referent's submission does: a numbered snapshot of the current texts, and status `submitted`.

    `texts` and `evidence` are keyed by item code; `days_ago` dates the submission back. The snapshot holds the kept
    evidence, unless `evidence` gives an item's snapshot evidence as written (a list of {"evidence_id", "label",
    "url", "file_name"}; without "evidence_id" it stands for an older snapshot)."""
    texts = texts or {}
    commitments = list(
        commitment_set.commitments.select_related("item")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.kept(), to_attr="kept"))
        .order_by("item__position")
    )
    for commitment in commitments:
        if commitment.item.code in texts:
            commitment.text = texts[commitment.item.code]
            commitment.save(update_fields=["text"])
    number = commitment_set.submissions.count() + 1
    submission = CommitmentSubmission.objects.create(
        commitment_set=commitment_set,
        number=number,
        submitted_by=by,
        snapshot=[_snapshot(c, (evidence or {}).get(c.item.code)) for c in commitments],
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
    """A structure's commitment set with one text per item of the charter (by default a new one with `items` items
    E1, E2…), submitted once."""
    version = version or published_charter(items, code="E")
    cycle = cycle or ReviewCycleFactory()
    commitment_set = CommitmentSetFactory(structure=structure, cycle=cycle, charter_version=version)
    for item in version.items.all():
        CommitmentFactory(
            commitment_set=commitment_set,
            item=item,
            text=f"{structure.name} tient l'engagement {item.code} ainsi, en {cycle.year}.",
        )
    submit(commitment_set, by=by, texts=texts, evidence=evidence, days_ago=days_ago)
    return commitment_set
