from celery import shared_task

from spro_portal import emails

from .models import Invitation, JoinRequest, Membership


@shared_task
def send_invitation_email(invitation_id):
    invitation = Invitation.objects.select_related("structure", "invited_by").get(pk=invitation_id)
    emails.send("invitation", invitation.email, {"invitation": invitation})


@shared_task
def send_join_request_email(join_request_id):
    join_request = JoinRequest.objects.select_related("structure", "user").get(pk=join_request_id)
    recipients = Membership.objects.referent_emails(join_request.structure_id)
    if recipients:
        emails.send("join-request", recipients, {"join_request": join_request})


@shared_task
def send_join_request_decision_email(join_request_id):
    join_request = JoinRequest.objects.select_related("structure", "user").get(pk=join_request_id)
    emails.send("join-request-decision", join_request.user.email, {"join_request": join_request})


@shared_task
def send_label_status_email(label_change_id):
    from .models import LabelStatusChange
    from .services.structures import label_status_label

    change = LabelStatusChange.objects.select_related("structure", "changed_by").get(pk=label_change_id)
    recipients = Membership.objects.referent_emails(change.structure_id)
    if recipients:
        emails.send(
            "label-status",
            recipients,
            {
                "change": change,
                "structure": change.structure,
                "from_label": label_status_label(change.from_status) or "aucun",
                "to_label": label_status_label(change.to_status),
            },
        )


@shared_task
def send_commitments_submitted_email(submission_id):
    """Tell every coordinator whose scope covers the structure that its commitments await review."""
    from .models import CommitmentSubmission
    from .permissions.commitments import coordinators_covering

    submission = CommitmentSubmission.objects.select_related(
        "commitment_set__structure__territory", "commitment_set__cycle", "submitted_by"
    ).get(pk=submission_id)
    for email in coordinators_covering(submission.commitment_set.structure).values_list("email", flat=True):
        emails.send("commitments-submitted", email, {"submission": submission})


@shared_task
def send_commitments_reviewed_email(review_id):
    """Tell the structure's active referents the coordinator's decision, with each reason to rework."""
    from .models import CommitmentReview

    review = CommitmentReview.objects.select_related(
        "submission__commitment_set__structure", "submission__commitment_set__cycle", "reviewer"
    ).get(pk=review_id)
    commitment_set = review.submission.commitment_set
    recipients = Membership.objects.referent_emails(commitment_set.structure_id)
    if not recipients:
        return
    to_rework = review.item_reviews.filter(decision=CommitmentReview.Decision.CHANGES_REQUESTED).select_related("item")
    emails.send(
        "commitments-reviewed",
        recipients,
        {"review": review, "commitment_set": commitment_set, "items_to_rework": list(to_rework)},
    )
