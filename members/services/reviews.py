"""Coordinators' review of structures' commitments: a decision per item and overall, kept as history rows."""

from django.db import transaction

from .. import tasks
from ..models import (
    Commitment,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Evidence,
)
from . import ServiceError

APPROVED = CommitmentReview.Decision.APPROVED
CHANGES_REQUESTED = CommitmentReview.Decision.CHANGES_REQUESTED


def submission_item_ids(submission):
    return [int(entry["item_id"]) for entry in submission.snapshot]


def _check_decisions(*, submission, item_decisions, decision, comment):
    if decision not in (APPROVED, CHANGES_REQUESTED):
        raise ServiceError("Choisissez une décision d'ensemble : valider ou demander des modifications.")
    if set(item_decisions) != set(submission_item_ids(submission)):
        raise ServiceError("Donnez un avis sur chacun des engagements déposés.")
    asks_changes = False
    for item_decision, reason in item_decisions.values():
        if item_decision not in (APPROVED, CHANGES_REQUESTED):
            raise ServiceError("Un avis n'est pas valable : choisissez « conforme » ou « à reprendre ».")
        if item_decision == CHANGES_REQUESTED:
            asks_changes = True
            if not reason.strip():
                raise ServiceError("Chaque engagement à reprendre doit être accompagné d'un motif.")
    if decision == APPROVED and asks_changes:
        raise ServiceError("Vous ne pouvez pas tout valider alors qu'un engagement est marqué « à reprendre ».")
    if decision == CHANGES_REQUESTED and not asks_changes and not comment.strip():
        raise ServiceError(
            "Pour demander des modifications, marquez au moins un engagement « à reprendre » "
            "ou écrivez un commentaire général."
        )


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
        _check_decisions(submission=latest, item_decisions=item_decisions, decision=decision, comment=comment)

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


# Reads used by the review page.


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
