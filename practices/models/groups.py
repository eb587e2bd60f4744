"""Working groups: a territory's advisers or a thematic group, open to all members or closed.

A closed group's topics and members are seen by its members and the coordinators only; one joins it on request,
which a coordinator or the group's creator accepts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from spro_portal.links import link


class WorkingGroup(models.Model):
    name = models.CharField("nom", max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField("présentation", max_length=2000, blank=True)
    is_closed = models.BooleanField(
        "fermé", default=False, help_text="Ses sujets et ses membres ne sont visibles que de ses membres."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="créé par"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    member_count = models.PositiveIntegerField("membres", default=0, editable=False)

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("practices:group", self.slug)


class GroupMembership(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_groups")
    joined_at = models.DateTimeField("arrivé·e le", auto_now_add=True)

    class Meta:
        verbose_name = "membre d'un groupe de travail"
        verbose_name_plural = "membres des groupes de travail"
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_group_membership_per_person")]

    def __str__(self):
        return f"{self.user} — {self.group}"


class GroupJoinRequest(models.Model):
    """Asking to join a closed group; a coordinator or the group's creator decides."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Acceptée"
        REFUSED = "refused", "Refusée"

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_join_requests")
    message = models.CharField("message", max_length=500, blank=True)
    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande pour rejoindre un groupe"
        verbose_name_plural = "demandes pour rejoindre un groupe"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=Q(status="pending"), name="one_pending_group_request_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.group} ({self.get_status_display()})"
