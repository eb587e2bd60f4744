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
    referents = Membership.objects.referents().filter(structure=join_request.structure).select_related("user")
    recipients = [m.user.email for m in referents]
    if recipients:
        emails.send("join-request", recipients, {"join_request": join_request})


@shared_task
def send_join_request_decision_email(join_request_id):
    join_request = JoinRequest.objects.select_related("structure", "user").get(pk=join_request_id)
    emails.send("join-request-decision", join_request.user.email, {"join_request": join_request})
