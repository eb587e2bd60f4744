import hashlib
import os
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .charter import CharterVersion, CommitmentItem


class ReviewCycleQuerySet(models.QuerySet):
    def current(self):
        """The current cycle: the latest one that has opened (None before the first opens)."""
        return self.filter(opens_on__lte=timezone.localdate()).order_by("-opens_on", "-year").first()

    def with_set_counts(self, structures):
        """Each cycle with how many sets of the given structures it has, in each status, in one query."""
        in_scope = models.Q(commitment_sets__structure__in=structures)
        return self.annotate(
            started=models.Count("commitment_sets", filter=in_scope),
            **{
                f"{status.value}_count": models.Count(
                    "commitment_sets", filter=in_scope & models.Q(commitment_sets__status=status.value)
                )
                for status in CommitmentSet.Status
            },
        )


class ReviewCycle(models.Model):
    """A yearly cycle in which every structure describes how it keeps its commitments."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    opens_on = models.DateField("ouverture")
    due_on = models.DateField("date limite de dépôt")

    objects = ReviewCycleQuerySet.as_manager()

    class Meta:
        verbose_name = "cycle de revue"
        verbose_name_plural = "cycles de revue"
        ordering = ["-year"]

    def __str__(self):
        return f"Cycle {self.year}"


class CommitmentSetQuerySet(models.QuerySet):
    def for_queue(self):
        return self.select_related("structure__territory", "cycle", "submitted_by").order_by("submitted_at", "pk")

    def awaiting_review(self):
        """How many sets wait for a decision, and since when the oldest has waited: a coordinator's to-do."""
        return self.filter(status=CommitmentSet.Status.SUBMITTED).aggregate(
            count=models.Count("pk"), oldest=models.Min("submitted_at")
        )

    def count_by_status(self, *, cycle=None):
        """How many sets of each status, for one cycle (or all cycles), as `{status: count}`, in one query."""
        queryset = self if cycle is None else self.filter(cycle=cycle)
        statuses = CommitmentSet.Status
        return queryset.aggregate(
            **{status.value: models.Count("pk", filter=models.Q(status=status.value)) for status in statuses}
        )


class CommitmentSet(models.Model):
    """A structure's commitments for one cycle: drafted, submitted as a whole, then reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SUBMITTED = "submitted", "Déposés, en attente de revue"
        CHANGES_REQUESTED = "changes_requested", "Modifications demandées"
        APPROVED = "approved", "Validés"

    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="commitment_sets")
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="commitment_sets")
    charter_version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="commitment_sets")
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(
        "révision", default=0, help_text="Incrémentée à chaque enregistrement, pour détecter les éditions concurrentes."
    )
    updated_at = models.DateTimeField("modifiés le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("déposés le", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CommitmentSetQuerySet.as_manager()

    class Meta:
        verbose_name = "engagements d'une structure"
        verbose_name_plural = "engagements des structures"
        ordering = ["-cycle__year", "structure__name"]
        constraints = [models.UniqueConstraint(fields=["structure", "cycle"], name="one_commitment_set_per_cycle")]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.structure} — {self.cycle}"

    # Booleans for the templates, which never compare status strings.
    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def has_changes_requested(self):
        return self.status == self.Status.CHANGES_REQUESTED


# A set in one of these statuses has been submitted at least once.
SUBMITTED_STATUSES = [
    CommitmentSet.Status.SUBMITTED,
    CommitmentSet.Status.CHANGES_REQUESTED,
    CommitmentSet.Status.APPROVED,
]


class Commitment(models.Model):
    """How a structure fulfils one commitment item, in its own words. The current text; history is in submissions."""

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", "À examiner"
        APPROVED = "approved", "Validé"
        CHANGES_REQUESTED = "changes_requested", "À reprendre"

    commitment_set = models.ForeignKey(CommitmentSet, on_delete=models.CASCADE, related_name="commitments")
    item = models.ForeignKey(CommitmentItem, on_delete=models.PROTECT, related_name="commitments")
    text = models.TextField("comment la structure tient cet engagement", blank=True, max_length=10000)
    review_status = models.CharField("avis", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)

    class Meta:
        verbose_name = "engagement"
        ordering = ["item__position", "item__code"]
        constraints = [models.UniqueConstraint(fields=["commitment_set", "item"], name="one_commitment_per_item")]

    def __str__(self):
        return f"{self.commitment_set} — {self.item.code}"


def text_fingerprint(text):
    """A short digest of a commitment text: the draft form carries it per item, to merge concurrent saves."""
    normalized = (text or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]


def evidence_upload_to(instance, filename):
    # Random folder: the stored name never reveals or collides with another structure's files.
    return f"preuves/{uuid.uuid4().hex}/{filename}"


class EvidenceQuerySet(models.QuerySet):
    def kept(self):
        """Evidence the structure has not withdrawn (withdrawn rows and files are kept for the submissions)."""
        return self.filter(removed_at__isnull=True)

    def downloadable_files_of(self, commitment_set):
        """The set's files that the download view still serves."""
        return self.kept().exclude(file="").filter(commitment__commitment_set=commitment_set)


class Evidence(models.Model):
    """A link or a file supporting a commitment. Downloaded only through a permission-checked view."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="evidence")
    label = models.CharField("intitulé", max_length=200)
    url = models.URLField("lien", blank=True, max_length=500)
    file = models.FileField("fichier", upload_to=evidence_upload_to, blank=True, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField("ajoutée le", auto_now_add=True)
    removed_at = models.DateTimeField("retirée le", null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = "preuve"
        ordering = ["added_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file="")) | (~models.Q(url="") & models.Q(file="")),
                name="evidence_is_a_link_or_a_file",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def is_file(self):
        return bool(self.file)


def snapshot_entry(item, text, evidence=()):
    """One item of a submission as `CommitmentSubmission.snapshot` keeps it; `evidence` are the kept Evidence rows.

    The one place this shape is written: the submit service, the demo data and the test factories all use it.
    """
    return {
        "item_id": item.pk,
        "code": item.code,
        "title": item.title,
        "text": text,
        "evidence": [
            {
                "evidence_id": row.pk,
                "label": row.label,
                "url": row.url,
                "file_name": os.path.basename(row.file.name) if row.file else "",
            }
            for row in evidence
        ],
    }


class CommitmentSubmissionQuerySet(models.QuerySet):
    def with_history(self):
        """Newest first, each with its reviews and their item opinions prefetched."""
        item_reviews = CommitmentItemReview.objects.select_related("item").order_by("item__position", "item__code")
        reviews = CommitmentReview.objects.select_related("reviewer").prefetch_related(
            models.Prefetch("item_reviews", queryset=item_reviews)
        )
        return (
            self.select_related("submitted_by")
            .prefetch_related(models.Prefetch("reviews", queryset=reviews))
            .order_by("-number")
        )

    def from_earlier_cycles_of(self, commitment_set):
        """The same structure's submissions in earlier cycles, latest cycle and latest submission first."""
        return (
            self.filter(
                commitment_set__structure_id=commitment_set.structure_id,
                commitment_set__cycle__year__lt=commitment_set.cycle.year,
            )
            .select_related("commitment_set__cycle")
            .order_by("-commitment_set__cycle__year", "-number")
        )


class CommitmentSubmission(models.Model):
    """A frozen copy of a commitment set as it was submitted: nothing a structure wrote is lost."""

    commitment_set = models.ForeignKey(CommitmentSet, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField("dépôt n°")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField("déposé le", auto_now_add=True)
    snapshot = models.JSONField(
        "contenu déposé", help_text="Liste de {code, title, text, evidence: [{label, url, file_name}]}."
    )

    objects = CommitmentSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "dépôt d'engagements"
        verbose_name_plural = "dépôts d'engagements"
        ordering = ["commitment_set", "number"]
        constraints = [models.UniqueConstraint(fields=["commitment_set", "number"], name="unique_submission_number")]

    def __str__(self):
        return f"{self.commitment_set} — dépôt {self.number}"


class CommitmentReview(models.Model):
    """A coordinator's overall decision on one submission, with the written reason."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Engagements validés"
        CHANGES_REQUESTED = "changes_requested", "Modifications demandées"

    submission = models.ForeignKey(CommitmentSubmission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decision = models.CharField("décision", max_length=20, choices=Decision.choices)
    comment = models.TextField("commentaire général", max_length=5000, blank=True)
    decided_at = models.DateTimeField("décidée le", auto_now_add=True)

    class Meta:
        verbose_name = "revue d'engagements"
        verbose_name_plural = "revues d'engagements"
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.submission} — {self.get_decision_display()}"

    @property
    def asks_changes(self):
        return self.decision == self.Decision.CHANGES_REQUESTED


class CommitmentItemReview(models.Model):
    """The coordinator's opinion on one item of a submission; asking for changes needs a reason."""

    review = models.ForeignKey(CommitmentReview, on_delete=models.CASCADE, related_name="item_reviews")
    item = models.ForeignKey(CommitmentItem, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("avis", max_length=20, choices=Commitment.ReviewStatus.choices[1:])
    reason = models.TextField("motif", max_length=3000, blank=True)

    class Meta:
        verbose_name = "avis sur un engagement"
        verbose_name_plural = "avis sur les engagements"
        ordering = ["item__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="one_item_review_per_item"),
            models.CheckConstraint(
                condition=~models.Q(decision="changes_requested") | ~models.Q(reason=""),
                name="changes_requested_needs_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.review} — {self.item.code}"

    @property
    def asks_changes(self):
        return self.decision == Commitment.ReviewStatus.CHANGES_REQUESTED
