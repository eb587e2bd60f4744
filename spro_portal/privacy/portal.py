"""What spro_portal.privacy offers to the composition: the account and information pages of the site map."""

from spro_portal.composition import AppOffer, Link, PersonalDataTable, RetentionRule, SiteMapSection, register
from spro_portal.links import link

from .models import DataExport, LoginSession
from .services import sessions_revoke_all

LOGIN_COLUMNS = ("ouverte_le", "derniere_activite", "fermee_le", "fin", "reseau", "navigateur")


@register
class PrivacyOffer(AppOffer):
    order = 90  # after the domain apps: « Mon compte » and « Informations » close the site map

    def site_map(self):
        return [
            SiteMapSection(
                "Mon compte",
                (
                    Link("Se connecter", link("account_login")),
                    Link("Mon profil", link("members:profile_edit")),
                    Link("Résumé mensuel et notifications par e-mail", link("digest:preferences")),
                    Link("Mes sessions ouvertes", link("privacy:sessions")),
                    Link("Mes données : tout ce que le portail garde sur moi", link("privacy:data_export")),
                    Link("Fermer mon compte", link("members:account_close")),
                ),
                audience="réservé aux membres, sauf la connexion",
            ),
            SiteMapSection(
                "Informations",
                (
                    Link("Données personnelles", link("privacy:personal_data")),
                    Link("Déclaration d'accessibilité", link("privacy:accessibility")),
                    Link("Mentions légales", link("privacy:legal_notice")),
                    Link("Plan du site", link("privacy:site_map")),
                ),
            ),
        ]

    def retention_rules(self):
        return [
            RetentionRule(
                "login_records",
                "Historique des connexions : dates, début de l'adresse du réseau, navigateur (depuis la dernière "
                "activité)",
                lambda cutoff: LoginSession.objects.filter(last_seen_at__lt=cutoff),
            ),
            RetentionRule(
                "personal_data_exports",
                "Archives « Mes données » préparées à votre demande (depuis leur préparation)",
                lambda cutoff: DataExport.objects.filter(created_at__lt=cutoff),
            ),
        ]

    def account_closed(self, person):
        """Every session ends, and the login records and archives of the person go."""
        sessions_revoke_all(user=person, reason=LoginSession.EndReason.CLOSED)
        LoginSession.objects.filter(user=person).delete()
        for export in DataExport.objects.filter(user=person):
            export.delete_personal_files()
        DataExport.objects.filter(user=person).delete()

    def personal_data(self, person):
        rows = LoginSession.objects.filter(user=person).order_by("-started_at")
        return [
            PersonalDataTable(
                "connexions",
                "Historique des connexions",
                LOGIN_COLUMNS,
                tuple(
                    {
                        "ouverte_le": row.started_at,
                        "derniere_activite": row.last_seen_at,
                        "fermee_le": row.ended_at,
                        "fin": row.get_end_reason_display(),
                        "reseau": row.ip_prefix,
                        "navigateur": row.device,
                    }
                    for row in rows
                ),
            )
        ]
