"""Each person's e-mail preferences, and one delivery row per person and digest period (sent exactly once)."""

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Chaque mois (le 1er, à 7 h)"
    WEEKLY = "weekly", "Chaque semaine (le lundi, à 7 h)"
    NEVER = "never", "Jamais"


# The immediate notification kinds: the field of Preference each one reads (other apps ask `wants(user, kind)`).
NOTIFICATION_KINDS = {
    "mentions": "notify_mentions",
    "replies": "notify_replies",
    "review_decisions": "notify_review_decisions",
    "reuse": "notify_reuse",
    "deadlines": "notify_deadlines",
}


class Preference(models.Model):
    """A person without a row has the defaults: monthly digest, every notification on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference")
    digest = models.CharField("résumé par e-mail", max_length=10, choices=Frequency, default=Frequency.MONTHLY)
    notify_mentions = models.BooleanField("quand on me mentionne dans le forum", default=True)
    notify_replies = models.BooleanField("réponses dans les sujets que je suis", default=True)
    notify_review_decisions = models.BooleanField("décisions de revue de nos engagements", default=True)
    notify_reuse = models.BooleanField("réutilisation de mes ressources", default=True)
    notify_deadlines = models.BooleanField("échéances de collecte des indicateurs", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "préférences d'e-mails"
        verbose_name_plural = "préférences d'e-mails"

    def __str__(self):
        return f"Préférences de {self.user}"


class DigestDelivery(models.Model):
    """One person's digest for one period. The row is the lock: a send claims it from `pending` exactly once."""

    class Status(models.TextChoices):
        PENDING = "pending", "À envoyer"
        # Taken by a worker with its chunk, nothing sent yet: given back to pending if that worker dies.
        CLAIMED = "claimed", "Réservé par un envoi"
        # Handed to the SMTP server, its answer not recorded yet: the one state a dead worker leaves uncertain.
        SENDING = "sending", "En cours d'envoi"
        SENT = "sent", "Envoyé"
        EMPTY = "empty", "Vide, non envoyé"
        FAILED = "failed", "Échec"
        # Claimed by a worker that never came back: the e-mail may or may not have left. Flagged, never resent.
        UNCERTAIN = "uncertain", "Incertain (envoi interrompu)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries")
    period = models.CharField("période", max_length=10)  # "2026-11" (month) or "2026-W48" (ISO week)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "envoi de résumé"
        verbose_name_plural = "envois de résumés"
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_delivery_once_per_period")]
        indexes = [models.Index(fields=["period", "status"], name="digest_delivery_period_status")]

    def __str__(self):
        return f"Résumé {self.period} de {self.user} : {self.get_status_display()}"
