"""A structure's commitments for a review cycle: drafting (with optimistic locking), evidence, submission."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Prefetch
from django.utils import timezone

from spro_portal.uploads import check_upload

from .. import tasks
from ..models import (
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Evidence,
    ReviewCycle,
)
from ..models.commitments import snapshot_entry, text_fingerprint
from ..permissions.commitments import EDITABLE_STATUSES
from . import ServiceError
from .charter import structure_has_signed_current_charter

NOT_EDITABLE = (
    "Ces engagements ont été déposés : ils ne sont plus modifiables tant que la coordination ne les a pas relus."
)


class ConcurrentEditError(ServiceError):
    """Someone else saved the commitments since the page was opened; nothing was submitted."""

    def __init__(self, *, commitment_set):
        self.commitment_set = commitment_set
        who = commitment_set.updated_by or "Une autre personne"
        super().__init__(
            f"{who} a modifié ces engagements entre-temps : relisez-les avant de les déposer. Rien n'a été déposé."
        )


class IncompleteCommitmentsError(ServiceError):
    """Some items have no text: a submission needs every one."""

    def __init__(self, *, item_ids, codes):
        self.item_ids = item_ids
        super().__init__(
            "Décrivez comment votre structure tient chaque engagement avant de déposer. "
            f"Sans texte : {', '.join(codes)}."
        )


NO_CHARTER = "Aucune version de la charte n'est en vigueur : les engagements ne peuvent pas commencer."
EMPTY_ITEM = "Décrivez comment votre structure tient cet engagement avant de déposer."


def commitment_set_find(*, structure, cycle):
    return (
        CommitmentSet.objects.select_related("structure", "cycle", "charter_version", "updated_by", "submitted_by")
        .filter(structure=structure, cycle=cycle)
        .first()
    )


def commitment_set_start(*, structure, cycle):
    """Open the structure's set for the cycle, with one empty commitment per item of the charter in force.

    Idempotent: if it exists (a double click, two referents at once), the existing set is returned.
    """
    commitment_set = commitment_set_find(structure=structure, cycle=cycle)
    if commitment_set:
        return commitment_set
    version = CharterVersion.objects.current()
    if version is None:
        raise ServiceError(NO_CHARTER)
    try:
        with transaction.atomic():
            commitment_set = CommitmentSet.objects.create(structure=structure, cycle=cycle, charter_version=version)
            Commitment.objects.bulk_create(
                Commitment(commitment_set=commitment_set, item=item) for item in version.items.all()
            )
    except IntegrityError:
        pass  # another referent started it at the same moment: use theirs
    return commitment_set_find(structure=structure, cycle=cycle)


@dataclass(frozen=True)
class DraftSaved:
    commitment_set: CommitmentSet
    changed: int  # how many texts were written
    others_saved: bool  # someone saved since the form was read (their texts are kept where this writer did not type)
    conflicts: dict  # item id → the other writer's text, for the items both changed (this writer's text not saved)
    other_writer: object = None  # who saved in between, when someone did


def commitment_set_save_draft(*, commitment_set, texts, revision, bases=None, saved_by):
    """Save the texts this writer changed, merging with whoever saved since `revision` was read.

    `bases` maps each item id to the fingerprint of the text the form showed. After someone else's save, an item
    this writer did not change keeps the other text, an item only this writer changed is saved, and an item both
    changed is left as the other writer saved it and returned in `conflicts`, for the person to choose.
    """
    bases = bases or {}
    with transaction.atomic():
        locked = CommitmentSet.objects.select_for_update().get(pk=commitment_set.pk)
        if locked.status not in EDITABLE_STATUSES:
            raise ServiceError(NOT_EDITABLE)
        others_saved = locked.revision != revision
        other_writer = locked.updated_by if others_saved else None
        changed, conflicts = [], {}
        for commitment in Commitment.objects.filter(commitment_set=locked):
            mine = texts.get(commitment.item_id)
            if mine is None or mine == commitment.text:
                continue
            if others_saved and bases.get(commitment.item_id) != text_fingerprint(commitment.text):
                # The other writer changed this item; it is a conflict only if this writer changed it too.
                if bases.get(commitment.item_id) != text_fingerprint(mine):
                    conflicts[commitment.item_id] = commitment.text
                continue
            commitment.text = mine
            changed.append(commitment)
        if changed:
            Commitment.objects.bulk_update(changed, ["text"])
            locked.revision += 1
            locked.updated_by = saved_by
            locked.save(update_fields=["revision", "updated_by", "updated_at"])
    return DraftSaved(
        commitment_set=locked,
        changed=len(changed),
        others_saved=others_saved,
        conflicts=conflicts,
        other_writer=other_writer,
    )


def _ensure_editable(commitment_set):
    if commitment_set.status not in EDITABLE_STATUSES:
        raise ServiceError(NOT_EDITABLE)


def evidence_add_link(*, commitment, label, url, added_by):
    """Add a link (http or https only) as evidence of a commitment."""
    _ensure_editable(commitment.commitment_set)
    if not url.lower().startswith(("http://", "https://")):
        raise ServiceError("Seuls les liens http:// ou https:// sont acceptés.")
    return Evidence.objects.create(commitment=commitment, label=label.strip(), url=url, added_by=added_by)


def evidence_add_file(*, commitment, label, upload, added_by):
    """Check the file (size, type by content, name), store it through the storage API and record it."""
    _ensure_editable(commitment.commitment_set)
    try:
        checked = check_upload(upload)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from None
    evidence = Evidence(
        commitment=commitment,
        label=label.strip(),
        content_type=checked.content_type,
        size=checked.size,
        added_by=added_by,
    )
    with transaction.atomic():
        evidence.file.save(checked.name, upload, save=True)
    return evidence


def evidence_remove(*, evidence, removed_by):
    """Withdraw a piece of evidence; the row and the file are kept (submissions may refer to them)."""
    _ensure_editable(evidence.commitment.commitment_set)
    Evidence.objects.filter(pk=evidence.pk, removed_at__isnull=True).update(removed_at=timezone.now())
    return evidence


def commitment_set_submit(*, commitment_set, submitted_by, revision=None):
    """Freeze the set as a numbered submission for review; every item needs a text. Coordinators are told."""
    with transaction.atomic():
        locked = CommitmentSet.objects.select_for_update().get(pk=commitment_set.pk)
        if locked.status not in EDITABLE_STATUSES:
            raise ServiceError(NOT_EDITABLE)
        if revision is not None and locked.revision != revision:
            raise ConcurrentEditError(
                commitment_set=CommitmentSet.objects.select_related("updated_by").get(pk=locked.pk)
            )
        commitments = list(
            locked.commitments.select_related("item").prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.filter(removed_at__isnull=True), to_attr="kept")
            )
        )
        empty = [commitment for commitment in commitments if not commitment.text.strip()]
        if empty:
            raise IncompleteCommitmentsError(
                item_ids=[commitment.item_id for commitment in empty], codes=[c.item.code for c in empty]
            )
        number = (locked.submissions.aggregate(last=Max("number"))["last"] or 0) + 1
        submission = CommitmentSubmission.objects.create(
            commitment_set=locked,
            number=number,
            submitted_by=submitted_by,
            snapshot=[snapshot_entry(c.item, c.text, c.kept) for c in commitments],
        )
        locked.status = CommitmentSet.Status.SUBMITTED
        locked.submitted_at = submission.submitted_at
        locked.submitted_by = submitted_by
        locked.revision = F("revision") + 1
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "revision", "updated_at"])
        locked.commitments.exclude(review_status=Commitment.ReviewStatus.APPROVED).update(
            review_status=Commitment.ReviewStatus.PENDING
        )
        transaction.on_commit(lambda: tasks.send_commitments_submitted_email.delay(submission.pk))
    return submission


# Reads for the commitments page and the home page.


@dataclass
class CommitmentsPage:
    commitments: list
    submissions: list
    changes_review: object = None  # the review that asked for changes, while the set waits for them
    to_redo: list = field(default_factory=list)  # its commitments to rework, in the charter's order


def commitment_set_page(commitment_set):
    """Commitments with their kept evidence and the coordinator's latest reason, plus the whole history."""
    commitments = list(
        commitment_set.commitments.select_related("item").prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(removed_at__isnull=True).order_by("added_at", "pk"),
                to_attr="kept_evidence",
            )
        )
    )
    submissions = list(
        commitment_set.submissions.select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=CommitmentReview.objects.select_related("reviewer")
                .prefetch_related(
                    Prefetch("item_reviews", queryset=CommitmentItemReview.objects.select_related("item"))
                )
                .order_by("-decided_at", "-pk"),
            )
        )
        .order_by("-number")
    )
    latest_item_review = {}
    for submission in submissions:  # newest first, and reviews newest first within each
        for review in submission.reviews.all():
            for item_review in review.item_reviews.all():
                latest_item_review.setdefault(item_review.item_id, item_review)
    for commitment in commitments:
        item_review = latest_item_review.get(commitment.item_id)
        commitment.change_reason = (
            item_review.reason
            if item_review
            and commitment.review_status == Commitment.ReviewStatus.CHANGES_REQUESTED
            and item_review.decision == Commitment.ReviewStatus.CHANGES_REQUESTED
            else ""
        )
    page = CommitmentsPage(commitments=commitments, submissions=submissions)
    if commitment_set.has_changes_requested and submissions and submissions[0].reviews.all():
        page.changes_review = submissions[0].reviews.all()[0]
        page.to_redo = [commitment for commitment in commitments if commitment.change_reason]
    return page


def group_by_category(rows, item_of):
    """[(category label, rows)] in the charter's category order, skipping empty categories."""
    groups = []
    for value, label in CommitmentItem.Category.choices:
        members = [row for row in rows if item_of(row).category == value]
        if members:
            groups.append((label, members))
    return groups


@dataclass(frozen=True)
class ReferentTodo:
    must_sign: bool = False
    cycle: object = None
    commitments_status: str = ""
    started: bool = False  # the set of the cycle exists (else the referent is asked to start it)

    def __bool__(self):
        return self.must_sign or bool(self.commitments_status)


def referent_todo(actor):
    """What a referent's home page lists under « À traiter » about the charter and commitments (nothing for others)."""
    if not actor.is_referent:
        return ReferentTodo()
    structure = actor.structure
    must_sign = structure_has_signed_current_charter(structure) is False
    cycle = ReviewCycle.objects.current()
    status = ""
    started = False
    if cycle is not None:
        found = CommitmentSet.objects.filter(structure=structure, cycle=cycle).values_list("status", flat=True).first()
        started = found is not None
        if found is None or found == CommitmentSet.Status.DRAFT:
            status = CommitmentSet.Status.DRAFT
        elif found == CommitmentSet.Status.CHANGES_REQUESTED:
            status = CommitmentSet.Status.CHANGES_REQUESTED
    return ReferentTodo(must_sign=must_sign, cycle=cycle, commitments_status=status, started=started)
