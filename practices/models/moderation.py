"""Moderation: reports by members, and the history of what coordinators did. Nothing is ever deleted."""

from django.conf import settings
from django.db import models
from django.db.models import Q

REASON_MAX_LENGTH = 500


class Report(models.Model):
    """A member tells the moderators that a post is out of place; one open report per person and post."""

    class Status(models.TextChoices):
        OPEN = "open", "À traiter"
        RESOLVED = "resolved", "Message masqué"
        DISMISSED = "dismissed", "Classé sans suite"

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="reports", verbose_name="message")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports")
    reason = models.CharField("motif", max_length=REASON_MAX_LENGTH)
    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField("signalé le", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("traité le", null=True, blank=True)

    class Meta:
        verbose_name = "signalement"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=Q(status="open"), name="one_open_report_per_person_and_post"
            )
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="report_queue")]

    def __str__(self):
        return f"{self.reporter} signale {self.post}"


class ModerationAction(models.Model):
    """One thing a moderator did, kept as the forum's moderation history."""

    class Kind(models.TextChoices):
        HIDE = "hide", "Message masqué"
        RESTORE = "restore", "Message rétabli"
        LOCK = "lock", "Sujet fermé"
        UNLOCK = "unlock", "Sujet rouvert"
        PIN = "pin", "Sujet épinglé"
        UNPIN = "unpin", "Sujet désépinglé"
        MOVE = "move", "Sujet déplacé"
        DISMISS = "dismiss", "Signalement classé"

    kind = models.CharField("action", max_length=16, choices=Kind.choices)
    topic = models.ForeignKey("Topic", on_delete=models.CASCADE, related_name="moderation_actions")
    post = models.ForeignKey("Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("motif", max_length=REASON_MAX_LENGTH, blank=True)
    detail = models.CharField("détail", max_length=300, blank=True)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "action de modération"
        verbose_name_plural = "actions de modération"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.topic}"
