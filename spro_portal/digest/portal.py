"""What the digest offers to the composition's personal-data duties (spro_portal.privacy)."""

from spro_portal.composition import AppOffer, RetentionRule, register

from .models import DigestDelivery

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
