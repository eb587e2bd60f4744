"""Celery tasks of the members app: each loads its row by id and hands it to members.emails."""

from celery import shared_task

from . import emails
from .models import CommitmentReview, CommitmentSubmission, Invitation, JoinRequest, LabelStatusChange


@shared_task
def send_invitation_email(invitation_id):
    emails.send_invitation(Invitation.objects.select_related("structure", "invited_by").get(pk=invitation_id))


@shared_task
def send_join_request_email(join_request_id):
    emails.send_join_request(JoinRequest.objects.select_related("structure", "user").get(pk=join_request_id))


@shared_task
def send_join_request_decision_email(join_request_id):
    emails.send_join_request_decision(JoinRequest.objects.select_related("structure", "user").get(pk=join_request_id))


@shared_task
def send_label_status_email(label_change_id):
    emails.send_label_status(
        LabelStatusChange.objects.select_related("structure", "changed_by").get(pk=label_change_id)
    )


@shared_task
def send_commitments_submitted_email(submission_id):
    emails.send_commitments_submitted(
        CommitmentSubmission.objects.select_related(
            "commitment_set__structure__territory", "commitment_set__cycle", "submitted_by"
        ).get(pk=submission_id)
    )


@shared_task
def send_commitments_reviewed_email(review_id):
    emails.send_commitments_reviewed(
        CommitmentReview.objects.select_related(
            "submission__commitment_set__structure", "submission__commitment_set__cycle", "reviewer"
        ).get(pk=review_id)
    )
