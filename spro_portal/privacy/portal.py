"""What spro_portal.privacy offers to the composition: the account and information pages of the site map."""

from django.urls import reverse

from spro_portal.composition import AppOffer, Link, RetentionRule, SiteMapSection, register

from .models import LoginSession


@register
class PrivacyOffer(AppOffer):
    order = 90  # after the domain apps: « Mon compte » and « Informations » close the site map

    def site_map(self):
        return [
            SiteMapSection(
                "Mon compte",
                (
                    Link("Se connecter", reverse("account_login")),
                    Link("Mon profil", reverse("members:profile_edit")),
                    Link("Résumé mensuel et notifications par e-mail", reverse("digest:preferences")),
                    Link("Mes sessions ouvertes", reverse("privacy:sessions")),
                ),
                audience="réservé aux membres, sauf la connexion",
            ),
            SiteMapSection(
                "Informations",
                (
                    Link("Données personnelles", reverse("privacy:personal_data")),
                    Link("Déclaration d'accessibilité", reverse("privacy:accessibility")),
                    Link("Mentions légales", reverse("privacy:legal_notice")),
                    Link("Plan du site", reverse("privacy:site_map")),
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
            )
        ]
