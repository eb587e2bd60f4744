"""A structure's commitments for a review cycle: drafting (with optimistic locking), evidence, submission."""

import os
from dataclasses import dataclass

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
from ..permissions.commitments import EDITABLE_STATUSES
from . import ServiceError
from .charter import structure_has_signed_current_charter

NOT_EDITABLE = (
    "Ces engagements ont été déposés : ils ne sont plus modifiables tant que la coordination ne les a pas relus."
)


class ConcurrentEditError(ServiceError):
    """Someone else saved the commitments since the form was opened; nothing was overwritten."""

    def __init__(self, *, commitment_set, texts):
        self.commitment_set = commitment_set
        self.texts = texts  # item id → the text now saved
        who = commitment_set.updated_by or "une autre personne"
        when = timezone.localtime(commitment_set.updated_at).strftime("%d/%m/%Y à %H:%M")
        super().__init__(
            f"{who} a enregistré ces engagements entre-temps (le {when}). Vos textes n'ont pas été enregistrés : "
            "ils sont conservés ci-dessous, à côté de la version enregistrée. Reprenez ce qu'il faut garder, "
            "puis enregistrez à nouveau."
        )


def current_review_cycle():
    """The latest cycle that has opened."""
    return ReviewCycle.objects.filter(opens_on__lte=timezone.localdate()).order_by("-opens_on", "-year").first()


def commitment_set_find(*, structure, cycle):
    return (
        CommitmentSet.objects.select_related("structure", "cycle", "charter_version", "updated_by", "submitted_by")
        .filter(structure=structure, cycle=cycle)
        .first()
    )


def commitment_set_get_or_start(*, structure, cycle):
    """The structure's set for the cycle, created with one empty commitment per item of the charter in force."""
    commitment_set = commitment_set_find(structure=structure, cycle=cycle)
    if commitment_set:
        return commitment_set
    version = CharterVersion.objects.current()
    if version is None:
        raise ServiceError("Aucune version de la charte n'est en vigueur : les engagements ne peuvent pas commencer.")
    try:
        with transaction.atomic():
            commitment_set = CommitmentSet.objects.create(structure=structure, cycle=cycle, charter_version=version)
            Commitment.objects.bulk_create(
                Commitment(commitment_set=commitment_set, item=item) for item in version.items.all()
            )
    except IntegrityError:
        pass  # another referent started it at the same moment: use theirs
    return commitment_set_find(structure=structure, cycle=cycle)


def _texts_of(commitment_set):
    return dict(Commitment.objects.filter(commitment_set=commitment_set).values_list("item_id", "text"))


def commitment_set_save_draft(*, commitment_set, texts, revision, saved_by):
    """Save every text at once, only if nobody saved since `revision` was read (else ConcurrentEditError)."""
    now = timezone.now()
    with transaction.atomic():
        updated = CommitmentSet.objects.filter(
            pk=commitment_set.pk, revision=revision, status__in=EDITABLE_STATUSES
        ).update(revision=F("revision") + 1, updated_at=now, updated_by=saved_by)
        if not updated:
            current = CommitmentSet.objects.select_related("updated_by").get(pk=commitment_set.pk)
            if current.status not in EDITABLE_STATUSES:
                raise ServiceError(NOT_EDITABLE)
            raise ConcurrentEditError(commitment_set=current, texts=_texts_of(current))
        changed = []
        for commitment in Commitment.objects.filter(commitment_set=commitment_set):
            text = texts.get(commitment.item_id)
            if text is not None and text != commitment.text:
                commitment.text = text
                changed.append(commitment)
        Commitment.objects.bulk_update(changed, ["text"])
    commitment_set.revision = revision + 1
    commitment_set.updated_at = now
    commitment_set.updated_by = saved_by
    return commitment_set


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
            current = CommitmentSet.objects.select_related("updated_by").get(pk=locked.pk)
            raise ConcurrentEditError(commitment_set=current, texts=_texts_of(current))
        commitments = list(
            locked.commitments.select_related("item").prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.filter(removed_at__isnull=True), to_attr="kept")
            )
        )
        empty = [commitment.item.code for commitment in commitments if not commitment.text.strip()]
        if empty:
            raise ServiceError(
                "Décrivez comment votre structure tient chaque engagement avant de déposer. "
                f"Sans texte : {', '.join(empty)}."
            )
        number = (locked.submissions.aggregate(last=Max("number"))["last"] or 0) + 1
        submission = CommitmentSubmission.objects.create(
            commitment_set=locked,
            number=number,
            submitted_by=submitted_by,
            snapshot=[_snapshot(commitment) for commitment in commitments],
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


def _snapshot(commitment):
    return {
        "item_id": commitment.item_id,
        "code": commitment.item.code,
        "title": commitment.item.title,
        "text": commitment.text,
        "evidence": [
            {
                "evidence_id": evidence.pk,
                "label": evidence.label,
                "url": evidence.url,
                "file_name": os.path.basename(evidence.file.name) if evidence.file else "",
            }
            for evidence in commitment.kept
        ],
    }


# Reads for the commitments page and the home page.


@dataclass
class CommitmentsPage:
    commitments: list
    submissions: list


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
    return CommitmentsPage(commitments=commitments, submissions=submissions)


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

    def __bool__(self):
        return self.must_sign or bool(self.commitments_status)


def referent_todo(actor):
    """What a referent's home page lists under « À traiter » about the charter and commitments (nothing for others)."""
    if not actor.is_referent:
        return ReferentTodo()
    structure = actor.structure
    must_sign = structure_has_signed_current_charter(structure) is False
    cycle = current_review_cycle()
    status = ""
    if cycle is not None:
        found = CommitmentSet.objects.filter(structure=structure, cycle=cycle).values_list("status", flat=True).first()
        if found is None or found == CommitmentSet.Status.DRAFT:
            status = CommitmentSet.Status.DRAFT
        elif found == CommitmentSet.Status.CHANGES_REQUESTED:
            status = CommitmentSet.Status.CHANGES_REQUESTED
    return ReferentTodo(must_sign=must_sign, cycle=cycle, commitments_status=status)
