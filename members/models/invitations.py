import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .network import Membership, Structure


def new_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(models.Model):
    """A link sent by email that lets a person join a structure with a given role."""

    email = models.EmailField("adresse e-mail")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        "rôle",
        max_length=16,
        choices=Membership.Role.choices,
        default=Membership.Role.ADVISER,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="invité par",
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField("révoquée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.structure}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=JoinRequest.Status.PENDING)

    def announced(self):
        """Requests the referents were told of (their author's address is verified): the only ones they see."""
        return self.filter(referents_notified_at__isnull=False)


class JoinRequest(models.Model):
    """A person asks to join a structure; a referent of that structure accepts or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Acceptée"
        REFUSED = "refused", "Refusée"

    #: Enough to introduce oneself; a longer text would make the referents' e-mail a channel for anything.
    MESSAGE_MAX_LENGTH = 1000

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField("message", blank=True, max_length=MESSAGE_MAX_LENGTH)
    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    # Set when the referents were told: only once the person's e-mail address is verified, and only once.
    referents_notified_at = models.DateTimeField("référent·es prévenu·es le", null=True, blank=True)
    decided_at = models.DateTimeField("traitée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'adhésion"
        verbose_name_plural = "demandes d'adhésion"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "structure"],
                condition=Q(status="pending"),
                name="one_pending_request_per_structure",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.structure} ({self.get_status_display()})"
