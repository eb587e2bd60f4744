"""What members holds about a person, for the composition's personal-data duties (spro_portal.privacy): what is purged
after how long, and what goes in the person's export."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef

from spro_portal.composition import RetentionRule

from .models import Coordinator, Invitation, Membership, User


def unverified_signups(cutoff):
    """Accounts created before `cutoff` whose e-mail address was never confirmed and that never logged in."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return User.objects.filter(
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(
        Exists(verified)
        | Exists(Membership.objects.filter(user=OuterRef("pk")))
        | Exists(Coordinator.objects.filter(user=OuterRef("pk")))
    )


def expired_invitations(cutoff):
    """Invitations never accepted whose link expired before `cutoff` (revoked ones included)."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff)


RETENTION_RULES = [
    RetentionRule(
        "unverified_signups",
        "Inscriptions dont l'adresse e-mail n'a jamais été confirmée (depuis l'inscription)",
        unverified_signups,
    ),
    RetentionRule(
        "expired_invitations",
        "Invitations non acceptées : adresse e-mail de la personne invitée (après l'expiration du lien)",
        expired_invitations,
    ),
]
