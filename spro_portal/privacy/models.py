"""What the portal keeps of a person's logins (minimal: an IP prefix and a browser summary), and their exports."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone


class LoginSessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True)

    def active(self):
        """Open, and still usable now: not idle or old beyond the limits, and its Django session still exists."""
        now = timezone.now()
        # The last-seen stamp is refreshed once a minute (sessions.TOUCH_EVERY): allow for it.
        idle_since = now - timedelta(seconds=settings.SESSION_IDLE_TIMEOUT + 60)
        return self.open().filter(
            Exists(Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=now)),
            last_seen_at__gte=idle_since,
            started_at__gte=now - timedelta(seconds=settings.SESSION_ABSOLUTE_LIFETIME),
        )


class LoginSession(models.Model):
    """One login of a person on one device: when it started and was last used, and roughly where from.

    Only an IP prefix (/24 in IPv4, /48 in IPv6) and a browser summary (« Firefox sur Windows ») are stored: enough for
    a person to recognise their own devices, not enough to locate them. Kept `RETENTION_DAYS["login_records"]` days."""

    class EndReason(models.TextChoices):
        LOGOUT = "logout", "Déconnexion"
        IDLE = "idle", "Inactivité"
        LIFETIME = "lifetime", "Durée maximale atteinte"
        REVOKED = "revoked", "Déconnectée par la personne"
        CLOSED = "closed", "Compte fermé"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, db_index=True)
    started_at = models.DateTimeField("ouverte le")
    last_seen_at = models.DateTimeField("dernière activité")
    ended_at = models.DateTimeField("fermée le", null=True, blank=True)
    end_reason = models.CharField("fin", max_length=10, choices=EndReason.choices, blank=True)
    ip_prefix = models.CharField("réseau (préfixe IP)", max_length=50, blank=True)
    device = models.CharField("navigateur et système", max_length=80, blank=True)

    objects = LoginSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "session de connexion"
        verbose_name_plural = "sessions de connexion"
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "ended_at"], name="login_session_user_open")]

    def __str__(self):
        return f"Session de {self.user} ({self.started_at:%d/%m/%Y %H:%M})"


def _export_path(instance, filename):
    # A random name: the file is only ever served by the checked download view, never from its path.
    return f"donnees-personnelles/{secrets.token_hex(16)}.zip"


class DataExport(models.Model):
    """One « Mes données » archive of one person: built by a Celery task, downloaded by that person only, deleted
    `RETENTION_DAYS["personal_data_exports"]` days after it was made."""

    class Status(models.TextChoices):
        PENDING = "pending", "En préparation"
        READY = "ready", "Prête"
        FAILED = "failed", "Échec"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    ready_at = models.DateTimeField("prête le", null=True, blank=True)
    file = models.FileField("archive", upload_to=_export_path, blank=True)
    size = models.PositiveIntegerField("taille (octets)", default=0)

    class Meta:
        verbose_name = "archive « Mes données »"
        verbose_name_plural = "archives « Mes données »"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Archive de {self.user} ({self.get_status_display()})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def has_failed(self):
        return self.status == self.Status.FAILED

    def delete_personal_files(self):
        if self.file:
            self.file.delete(save=False)
