"""What the digest offers to the composition's personal-data duties (spro_portal.privacy)."""

from spro_portal.composition import AppOffer, PersonalDataTable, RetentionRule, register

from .models import NOTIFICATION_KINDS, DigestDelivery, Preference

# Rows a running send may still need are never purged, whatever their age.
FINAL_STATUSES = [
    DigestDelivery.Status.SENT,
    DigestDelivery.Status.EMPTY,
    DigestDelivery.Status.FAILED,
    DigestDelivery.Status.UNCERTAIN,
]


def old_deliveries(cutoff):
    return DigestDelivery.objects.filter(created_at__lt=cutoff, status__in=FINAL_STATUSES)


@register
class DigestOffer(AppOffer):
    order = 80

    def retention_rules(self):
        return [
            RetentionRule(
                "digest_deliveries",
                "Liste des résumés par e-mail envoyés : période et état de l'envoi (depuis l'envoi)",
                old_deliveries,
            )
        ]

    def account_closed(self, person):
        """A closed account receives nothing: its preferences and the record of its digests go."""
        Preference.objects.filter(user=person).delete()
        DigestDelivery.objects.filter(user=person).delete()

    def personal_data(self, person):
        preference = Preference.objects.filter(user=person).first() or Preference(user=person)
        fields = ["digest", *NOTIFICATION_KINDS.values()]
        deliveries = DigestDelivery.objects.filter(user=person).order_by("period")
        return [
            PersonalDataTable(
                "preferences_e_mails",
                "Préférences d'e-mails",
                ("preference", "valeur"),
                tuple(
                    {
                        "preference": str(Preference._meta.get_field(name).verbose_name),
                        "valeur": preference.get_digest_display() if name == "digest" else getattr(preference, name),
                    }
                    for name in fields
                ),
            ),
            PersonalDataTable(
                "resumes_envoyes",
                "Résumés par e-mail",
                ("periode", "etat", "prepare_le", "envoye_le"),
                tuple(
                    {
                        "periode": row.period,
                        "etat": row.get_status_display(),
                        "prepare_le": row.created_at,
                        "envoye_le": row.sent_at,
                    }
                    for row in deliveries
                ),
            ),
        ]
