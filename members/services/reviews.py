"""Coordinators' review of structures' commitments: a decision per item and overall, kept as history rows."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from .. import tasks
from ..models import (
    Commitment,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Evidence,
    ReviewCycle,
)
from ..permissions.reviews import review_decision_problems
from . import ServiceError

APPROVED = CommitmentReview.Decision.APPROVED
CHANGES_REQUESTED = CommitmentReview.Decision.CHANGES_REQUESTED


def submission_item_ids(submission):
    return [int(entry["item_id"]) for entry in submission.snapshot]


def commitment_set_review(*, commitment_set, submission, item_decisions, decision, comment, reviewer):
    """Record a coordinator's decision on the latest submission of a set; the structure's referents are told.

    `item_decisions` maps each submitted item id to `(decision, reason)`. Earlier reviews are never changed.
    """
    comment = comment.strip()
    with transaction.atomic():
        locked = CommitmentSet.objects.select_for_update().get(pk=commitment_set.pk)
        if locked.status != CommitmentSet.Status.SUBMITTED:
            raise ServiceError(
                "Ces engagements ne sont plus en attente de revue (statut actuel : "
                f"« {locked.get_status_display()} »). Votre avis n'a pas été enregistré."
            )
        latest = CommitmentSubmission.objects.filter(commitment_set=locked).order_by("-number").first()
        if latest is None or latest.pk != submission.pk:
            raise ServiceError(
                "La structure a déposé une nouvelle version de ses engagements pendant votre lecture. "
                "Votre avis n'a pas été enregistré : relisez le nouveau dépôt, votre saisie est conservée ci-dessous."
            )
        if latest.reviews.exists():
            raise ServiceError("Ce dépôt a déjà été examiné par un·e autre coordinateur·rice.")
        problems = review_decision_problems(
            item_ids=submission_item_ids(latest), item_decisions=item_decisions, decision=decision, comment=comment
        )
        if problems:
            raise ServiceError(problems[0].message)

        review = CommitmentReview.objects.create(
            submission=latest, reviewer=reviewer, decision=decision, comment=comment
        )
        CommitmentItemReview.objects.bulk_create(
            CommitmentItemReview(
                review=review,
                item_id=item_id,
                decision=item_decision,
                reason=reason.strip() if item_decision == CHANGES_REQUESTED else "",
            )
            for item_id, (item_decision, reason) in item_decisions.items()
        )
        for status in (APPROVED, CHANGES_REQUESTED):
            item_ids = [item_id for item_id, (item_decision, _) in item_decisions.items() if item_decision == status]
            if item_ids:
                Commitment.objects.filter(commitment_set=locked, item_id__in=item_ids).update(review_status=status)
        locked.status = decision
        locked.save(update_fields=["status", "updated_at"])
        transaction.on_commit(lambda: tasks.send_commitments_reviewed_email.delay(review.pk))
    return review


def review_cycle_open(*, year, opens_on, due_on):
    """Open the review cycle of a year (one per year; the deadline after the opening)."""
    if due_on <= opens_on:
        raise ServiceError(DUE_BEFORE_OPENING)
    try:
        with transaction.atomic():
            return ReviewCycle.objects.create(year=year, opens_on=opens_on, due_on=due_on)
    except IntegrityError:
        raise ServiceError(year_taken(year)) from None


DUE_BEFORE_OPENING = "La date limite de dépôt doit être postérieure à la date d'ouverture."


def year_taken(year):
    return f"Un cycle de revue existe déjà pour l'année {year}."


# Reads used by the review page.


@dataclass
class ReviewPage:
    submissions: list  # newest first
    latest: object = None  # the submission under review
    latest_review: object = None  # its review, once given
    previous_deposit: object = None  # the submission before it in this cycle (a re-review compares with it)
    earlier_review: object = None  # the latest review of an earlier submission of this cycle
    previous_cycle: object = None  # the structure's latest submission of an earlier cycle
    items: list = field(default_factory=list)  # one dict per submitted item


def review_page(commitment_set):
    """What the review page shows: each submitted item beside the previous deposit of this cycle (what changed
    since the last review) and beside the previous cycle's text, with the opinions given so far."""
    submissions = submissions_with_history(commitment_set)
    page = ReviewPage(submissions=submissions)
    if not submissions:
        return page
    page.latest = submissions[0]
    page.latest_review = next(iter(page.latest.reviews.all()), None)
    page.previous_deposit = submissions[1] if len(submissions) > 1 else None
    page.earlier_review = next((r for s in submissions[1:] for r in s.reviews.all()), None)
    page.previous_cycle = previous_cycle_submission(commitment_set)
    previous_cycle_by_code = {e["code"]: e for e in page.previous_cycle.snapshot} if page.previous_cycle else {}
    deposit_by_id = {int(e["item_id"]): e for e in page.previous_deposit.snapshot} if page.previous_deposit else {}
    opinions = {r.item_id: r for r in page.latest_review.item_reviews.all()} if page.latest_review else {}
    asked_before = (
        {r.item_id: r for r in page.earlier_review.item_reviews.all() if r.asks_changes} if page.earlier_review else {}
    )
    evidence = snapshot_evidence(commitment_set, page.latest.snapshot)
    for entry in page.latest.snapshot:
        item_id = int(entry["item_id"])
        deposit = deposit_by_id.get(item_id)
        page.items.append(
            {
                "entry": entry,
                "evidence": evidence.get(item_id, []),
                "previous_cycle": previous_cycle_by_code.get(entry["code"]),
                "previous_deposit": deposit,
                "changed_since_deposit": deposit is not None and _snapshot_differs(deposit, entry),
                "opinion": opinions.get(item_id),
                "asked_before": asked_before.get(item_id),
            }
        )
    return page


def _snapshot_differs(before, after):
    def evidence(entry):
        return [(e.get("label"), e.get("url"), e.get("file_name")) for e in entry.get("evidence", [])]

    return before.get("text", "").strip() != after.get("text", "").strip() or evidence(before) != evidence(after)


def submissions_with_history(commitment_set):
    """The set's submissions, newest first, each with its reviews and their item opinions."""
    return list(commitment_set.submissions.with_history())


def previous_cycle_submission(commitment_set):
    """The same structure's latest submission in an earlier cycle, to read this year's text beside it."""
    return CommitmentSubmission.objects.from_earlier_cycles_of(commitment_set).first()


def snapshot_evidence(commitment_set, snapshot):
    """Per item id, its evidence as submitted; a file has a `download_id` while the download view still serves it.

    Snapshots written before `evidence_id` was kept show their files by name only. At most one query.
    """
    file_ids = {
        evidence["evidence_id"]
        for entry in snapshot
        for evidence in entry.get("evidence", [])
        if not evidence.get("url") and evidence.get("evidence_id")
    }
    downloadable = set()
    if file_ids:
        kept_files = Evidence.objects.downloadable_files_of(commitment_set).filter(pk__in=file_ids)
        downloadable = set(kept_files.values_list("pk", flat=True))

    def row(evidence):
        evidence_id = evidence.get("evidence_id")
        return {
            "label": evidence.get("label", ""),
            "url": evidence.get("url", ""),
            "file_name": evidence.get("file_name", ""),
            "download_id": evidence_id if evidence_id in downloadable else None,
            "withdrawn": bool(evidence_id) and evidence_id not in downloadable,
        }

    return {int(entry["item_id"]): [row(evidence) for evidence in entry.get("evidence", [])] for entry in snapshot}
