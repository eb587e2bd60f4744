"""One function per e-mail the members app sends: who receives it and what it says.

Rendering is spro_portal.emails.send's job; tasks load the rows by id and call these.
"""

from spro_portal import emails

from .models import CommitmentReview, JoinRequest, Membership
from .permissions.commitments import coordinators_covering


def send_invitation(invitation):
    """The invited person receives their link."""
    emails.send("invitation", invitation.email, {"invitation": invitation})


def send_join_request(join_request):
    """The structure's active referents learn that someone asks to join."""
    recipients = Membership.objects.referent_emails(join_request.structure_id)
    if recipients:
        emails.send("join-request", recipients, {"join_request": join_request})


def send_join_request_decision(join_request):
    """The person who asked learns the answer."""
    emails.send(
        "join-request-decision",
        join_request.user.email,
        {"join_request": join_request, "accepted": join_request.status == JoinRequest.Status.ACCEPTED},
    )


def send_label_status(change):
    """The structure's active referents learn its new label status and the reason."""
    recipients = Membership.objects.referent_emails(change.structure_id)
    if recipients:
        emails.send(
            "label-status",
            recipients,
            {
                "change": change,
                "structure": change.structure,
                "from_label": change.get_from_status_display() or "aucun",
                "to_label": change.get_to_status_display(),
            },
        )


def send_commitments_submitted(submission):
    """Every coordinator whose scope covers the structure learns that its commitments await review."""
    for email in coordinators_covering(submission.commitment_set.structure).values_list("email", flat=True):
        emails.send("commitments-submitted", email, {"submission": submission})


def send_commitments_reviewed(review):
    """The structure's active referents learn the coordinator's decision, with each reason to rework."""
    commitment_set = review.submission.commitment_set
    recipients = Membership.objects.referent_emails(commitment_set.structure_id)
    if not recipients:
        return
    to_rework = review.item_reviews.filter(decision=CommitmentReview.Decision.CHANGES_REQUESTED).select_related("item")
    emails.send(
        "commitments-reviewed",
        recipients,
        {
            "review": review,
            "commitment_set": commitment_set,
            "approved": review.decision == CommitmentReview.Decision.APPROVED,
            "items_to_rework": list(to_rework),
        },
    )
