"""What members holds about a person, for the composition's personal-data duties (spro_portal.privacy): what is purged
after how long, and what goes in the person's export."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q

from spro_portal.composition import PersonalDataTable, RetentionRule

from .models import (
    CharterSignature,
    CommitmentSubmission,
    Coordinator,
    Invitation,
    JoinRequest,
    Membership,
    User,
)


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


def _table(name, title, columns, rows):
    return PersonalDataTable(name, title, tuple(columns.split()), tuple(rows))


def personal_data(person):
    """The person's profile, e-mail addresses, memberships, coordination scope, join requests, invitations received,
    signatures and commitment submissions. Nine queries, whatever the person did."""
    expertise = ", ".join(person.expertise.order_by("name").values_list("name", flat=True))
    profile = {
        "adresse_e_mail": person.email,
        "prenom": person.first_name,
        "nom": person.last_name,
        "fonction": person.job_title,
        "telephone": person.phone,
        "domaines_d_expertise": expertise,
        "dans_l_annuaire_des_membres": person.show_in_directory,
        "inscrit_le": person.date_joined,
        "derniere_connexion": person.last_login,
    }
    coordinator = Coordinator.objects.filter(user=person).prefetch_related("territories").first()
    return [
        _table(
            "profil",
            "Profil",
            " ".join(profile),
            [profile],
        ),
        _table(
            "adresses_e_mail",
            "Adresses e-mail",
            "adresse verifiee principale",
            (
                {"adresse": row.email, "verifiee": row.verified, "principale": row.primary}
                for row in EmailAddress.objects.filter(user=person).order_by("email")
            ),
        ),
        _table(
            "adhesions",
            "Structures et rôles",
            "structure role active arrivee_le",
            (
                {
                    "structure": row.structure.name,
                    "role": row.get_role_display(),
                    "active": row.is_active,
                    "arrivee_le": row.joined_at,
                }
                for row in Membership.objects.filter(user=person).select_related("structure").order_by("joined_at")
            ),
        ),
        _table(
            "coordination",
            "Périmètre de coordination",
            "toute_la_region territoires",
            [
                {
                    "toute_la_region": coordinator.is_regional,
                    "territoires": ", ".join(territory.name for territory in coordinator.territories.all()),
                }
            ]
            if coordinator
            else [],
        ),
        _table(
            "demandes_d_adhesion",
            "Demandes pour rejoindre une structure",
            "structure message etat envoyee_le decidee_le",
            (
                {
                    "structure": row.structure.name,
                    "message": row.message,
                    "etat": row.get_status_display(),
                    "envoyee_le": row.created_at,
                    "decidee_le": row.decided_at,
                }
                for row in JoinRequest.objects.filter(user=person).select_related("structure").order_by("created_at")
            ),
        ),
        _table(
            "invitations_recues",
            "Invitations reçues",
            "structure adresse_invitee role envoyee_le acceptee_le",
            (
                {
                    "structure": row.structure.name,
                    "adresse_invitee": row.email,
                    "role": row.get_role_display(),
                    "envoyee_le": row.created_at,
                    "acceptee_le": row.accepted_at,
                }
                for row in Invitation.objects.filter(Q(accepted_by=person) | Q(email__iexact=person.email))
                .select_related("structure")
                .order_by("created_at")
            ),
        ),
        _table(
            "signatures_de_la_charte",
            "Signatures de la charte au nom de ma structure",
            "structure version signee_le",
            (
                {"structure": row.structure.name, "version": row.version.title, "signee_le": row.signed_at}
                for row in CharterSignature.objects.filter(signed_by=person)
                .select_related("structure", "version")
                .order_by("signed_at")
            ),
        ),
        _table(
            "depots_d_engagements",
            "Engagements de ma structure que j'ai déposés",
            "structure depot_numero depose_le",
            (
                {
                    "structure": row.commitment_set.structure.name,
                    "depot_numero": row.number,
                    "depose_le": row.submitted_at,
                }
                for row in CommitmentSubmission.objects.filter(submitted_by=person)
                .select_related("commitment_set__structure")
                .order_by("submitted_at")
            ),
        ),
    ]
