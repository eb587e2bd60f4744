"""Invitations, join requests and memberships: how people enter, change role in and leave a structure."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..models import Invitation, JoinRequest, Membership, Structure, User
from ..permissions import memberships as rules
from . import ServiceError

MESSAGE_TOO_LONG = "Votre message ne peut pas dépasser 1 000 caractères : gardez l'essentiel."


def _lock_structure(structure):
    # Serialises membership changes of one structure, so two referents cannot both step down at once.
    return Structure.objects.select_for_update().get(pk=structure.pk)


def _ensure_keeps_a_referent(membership):
    if not rules.keeps_a_referent(membership):
        raise ServiceError(rules.LAST_REFERENT_MESSAGE)


def invitation_create(*, structure, email, role, invited_by):
    """Invite a person to a structure; an earlier pending invitation to the same address is replaced."""
    email = email.strip().lower()
    if Membership.objects.active().filter(structure=structure, user__email__iexact=email).exists():
        raise ServiceError("Cette personne est déjà membre de la structure.")
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.pending().filter(structure=structure, email__iexact=email).update(revoked_at=now)
        invitation = Invitation.objects.create(
            structure=structure,
            email=email,
            role=role,
            invited_by=invited_by,
            expires_at=now + timedelta(days=settings.INVITATION_VALIDITY_DAYS),
        )
        transaction.on_commit(lambda: tasks.send_invitation_email.delay(invitation.pk))
    return invitation


def invitation_check(invitation):
    """Raise a French explanation when the invitation can no longer be used."""
    if invitation.accepted_at:
        raise ServiceError("Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.")
    if invitation.revoked_at:
        raise ServiceError("Cette invitation a été annulée. Demandez une nouvelle invitation à votre référent·e.")
    if invitation.is_expired:
        raise ServiceError(
            "Cette invitation a expiré (elle était valable "
            f"{settings.INVITATION_VALIDITY_DAYS} jours). Demandez-en une nouvelle à votre référent·e."
        )


def invitation_accept(*, invitation, user=None, first_name="", last_name="", password=None):
    """Accept an invitation: create the account if needed (its email is verified by the link) and the membership."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("structure").get(pk=invitation.pk)
        invitation_check(invitation)
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise ServiceError("Un compte existe déjà pour cette adresse : connectez-vous pour accepter.")
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        elif user.email.lower() != invitation.email.lower():
            raise ServiceError("Cette invitation a été envoyée à une autre adresse e-mail.")
        active = Membership.objects.active().filter(user=user).select_related("structure").first()
        if active and active.structure_id != invitation.structure_id:
            raise ServiceError(
                f"Vous êtes déjà membre de {active.structure}. Quittez-la avant d'en rejoindre une autre."
            )
        _lock_structure(invitation.structure)
        membership, _ = Membership.objects.update_or_create(
            user=user,
            structure=invitation.structure,
            defaults={
                "role": invitation.role,
                "is_active": True,
                "updated_by": invitation.invited_by,
            },
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).update(
            status=JoinRequest.Status.REFUSED, decided_at=invitation.accepted_at
        )
    return membership


def join_request_create(*, user, structure, message=""):
    """Ask to join a structure; its referents are told by e-mail once the person's address is verified."""
    message = message.strip()
    if len(message) > JoinRequest.MESSAGE_MAX_LENGTH:
        raise ServiceError(MESSAGE_TOO_LONG)
    if Membership.objects.active().filter(user=user).exists():
        raise ServiceError("Vous êtes déjà membre d'une structure.")
    if JoinRequest.objects.filter(user=user, structure=structure, status=JoinRequest.Status.PENDING).exists():
        raise ServiceError("Votre demande pour cette structure est déjà en attente.")
    with transaction.atomic():
        join_request = JoinRequest.objects.create(user=user, structure=structure, message=message)
        if EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
            _notify_referents(join_request)
    return join_request


def join_request_notify_verified(*, user):
    """The person's e-mail address is now verified: tell the referents of each pending request, once."""
    with transaction.atomic():
        waiting = JoinRequest.objects.select_for_update().filter(
            user=user, status=JoinRequest.Status.PENDING, referents_notified_at__isnull=True
        )
        for join_request in waiting:
            _notify_referents(join_request)


def _notify_referents(join_request):
    # Anyone can sign up: an unverified address must not be able to make a structure's referents receive mail.
    join_request.referents_notified_at = timezone.now()
    join_request.save(update_fields=["referents_notified_at"])
    transaction.on_commit(lambda: tasks.send_join_request_email.delay(join_request.pk))


def join_request_accept(*, join_request, decided_by):
    """Accept a join request: the person becomes an adviser of the structure."""
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise ServiceError("Cette demande a déjà été traitée.")
        if Membership.objects.active().filter(user_id=join_request.user_id).exists():
            raise ServiceError("Cette personne est déjà membre d'une structure.")
        _lock_structure(join_request.structure)
        membership, _ = Membership.objects.update_or_create(
            user_id=join_request.user_id,
            structure_id=join_request.structure_id,
            defaults={
                "role": Membership.Role.ADVISER,
                "is_active": True,
                "updated_by": decided_by,
            },
        )
        _decide(join_request, JoinRequest.Status.ACCEPTED, decided_by)
        JoinRequest.objects.filter(user_id=join_request.user_id, status=JoinRequest.Status.PENDING).update(
            status=JoinRequest.Status.REFUSED, decided_at=join_request.decided_at
        )
    return membership


def join_request_refuse(*, join_request, decided_by):
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise ServiceError("Cette demande a déjà été traitée.")
        _decide(join_request, JoinRequest.Status.REFUSED, decided_by)
    return join_request


def _decide(join_request, status, decided_by):
    join_request.status = status
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    transaction.on_commit(lambda: tasks.send_join_request_decision_email.delay(join_request.pk))


def membership_change_role(*, membership, role, changed_by):
    """Change a role; the last active referent cannot step down."""
    with transaction.atomic():
        _lock_structure(membership.structure)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        _ensure_keeps_a_referent(membership)
        membership.role = role
        membership.updated_by = changed_by
        membership.save(update_fields=["role", "updated_by", "updated_at"])
    return membership


def membership_deactivate(*, membership, changed_by):
    """Deactivate a membership (their posts stay); the last active referent cannot leave."""
    with transaction.atomic():
        _lock_structure(membership.structure)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            return membership
        _ensure_keeps_a_referent(membership)
        membership.is_active = False
        membership.updated_by = changed_by
        membership.save(update_fields=["is_active", "updated_by", "updated_at"])
    return membership


def membership_reactivate(*, membership, reactivated_by):
    """Bring a former member back as an adviser; refused while they belong to another structure.

    They come back as an adviser, not with their former role: naming a referent stays an explicit decision.
    """
    with transaction.atomic():
        # Locking the person serialises two structures trying to take them back at the same time.
        User.objects.select_for_update().get(pk=membership.user_id)
        _lock_structure(membership.structure)
        membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if membership.is_active:
            return membership
        elsewhere = Membership.objects.active().filter(user_id=membership.user_id).select_related("structure").first()
        if elsewhere:
            raise ServiceError(
                f"{membership.user} est aujourd'hui membre de {elsewhere.structure} : "
                "une personne n'appartient qu'à une structure à la fois."
            )
        membership.is_active = True
        membership.role = Membership.Role.ADVISER
        membership.updated_by = reactivated_by
        membership.save(update_fields=["is_active", "role", "updated_by", "updated_at"])
        JoinRequest.objects.filter(user_id=membership.user_id, status=JoinRequest.Status.PENDING).update(
            status=JoinRequest.Status.REFUSED, decided_at=timezone.now()
        )
    return membership


def _ensure_invitation_open(invitation):
    if invitation.accepted_at:
        raise ServiceError(f"L'invitation de {invitation.email} a déjà été acceptée.")
    if invitation.revoked_at:
        raise ServiceError(f"L'invitation de {invitation.email} a été annulée : invitez de nouveau la personne.")


def invitation_resend(*, invitation, resent_by):
    """Send an open (possibly expired) invitation again: it is replaced by a new one with a fresh link.

    Replacing rather than extending the old one records who sent it again and when (an invitation has no other
    place for that), makes the earlier link stop working (a forwarded or old email cannot be used), and is what
    inviting the same address twice already does.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("structure").get(pk=invitation.pk)
        _ensure_invitation_open(invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        return invitation_create(
            structure=invitation.structure,
            email=invitation.email,
            role=invitation.role,
            invited_by=resent_by,
        )


def invitation_revoke(*, invitation, revoked_by):
    """Cancel an invitation that was not accepted: its link stops working. Cancelling twice changes nothing."""
    # `revoked_by` is the caller's identity for the record; the Invitation model keeps only `revoked_at` today.
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise ServiceError(
                f"L'invitation de {invitation.email} a déjà été acceptée : elle ne peut plus être annulée."
            )
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation
