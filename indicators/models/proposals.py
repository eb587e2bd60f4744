"""Indicator proposals and their discussion: revisions, comments, positions, answers to objections, events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .definitions import DefinitionFields


class ProposalQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("author", "author_structure", "mission").order_by("-updated_at", "-pk")


class IndicatorProposal(DefinitionFields):
    """An indicator a member proposes; members discuss it, then a coordinator adopts or rejects it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        DISCUSSION = "discussion", "En discussion"
        ADOPTED = "adopted", "Adoptée"
        REJECTED = "rejected", "Rejetée"
        WITHDRAWN = "withdrawn", "Retirée"

    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="proposée par"
    )
    author_structure = models.ForeignKey(
        "members.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="structure",
    )
    amends = models.ForeignKey(
        "Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name="amende l'indicateur",
    )
    discussion_ends_on = models.DateField("fin de la discussion", null=True, blank=True)
    decision_reason = models.TextField("motif de la décision", blank=True, max_length=3000)
    revision = models.PositiveIntegerField("révision", default=1)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ProposalQuerySet.as_manager()

    OPEN_STATUSES = (Status.DRAFT, Status.DISCUSSION)

    class Meta:
        verbose_name = "proposition d'indicateur"
        verbose_name_plural = "propositions d'indicateurs"
        indexes = [models.Index(fields=["status", "discussion_ends_on"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:proposal_detail", args=[self.pk])

    @property
    def is_in_discussion(self):
        return self.status == self.Status.DISCUSSION


class ProposalRevision(DefinitionFields):
    """The text of a proposal as it stood at one revision; every revision is kept, the diff is computed on read."""

    proposal = models.ForeignKey(IndicatorProposal, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("révision")
    note = models.CharField("ce qui change", max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "révision de proposition"
        verbose_name_plural = "révisions de propositions"
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_revision_unique")]

    def __str__(self):
        return f"{self.proposal} — révision {self.number}"


class ProposalComment(models.Model):
    """A Markdown comment in a proposal's discussion, rendered once when saved."""

    proposal = models.ForeignKey(IndicatorProposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_structure = models.ForeignKey(
        "members.Structure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField("commentaire", max_length=10000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "commentaire de proposition"
        verbose_name_plural = "commentaires de propositions"
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self):
        return f"Commentaire sur {self.proposal}"


class PositionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Position(models.Model):
    """A person's position on a proposal. A new one replaces the current one, which is kept (is_current=False)."""

    class Kind(models.TextChoices):
        SUPPORT = "support", "Soutien"
        RESERVATION = "reservation", "Réserve"
        OBJECTION = "objection", "Objection"

    proposal = models.ForeignKey(IndicatorProposal, on_delete=models.CASCADE, related_name="positions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("position", max_length=16, choices=Kind.choices)
    reason = models.TextField("motif", blank=True, max_length=3000)
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField("le", auto_now_add=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "position"
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], condition=Q(is_current=True), name="one_current_position_per_person"
            ),
            models.CheckConstraint(condition=~Q(kind="objection") | ~Q(reason=""), name="objection_has_a_reason"),
        ]
        indexes = [models.Index(fields=["proposal", "is_current", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} de {self.user} sur {self.proposal}"

    @property
    def is_objection(self):
        return self.kind == self.Kind.OBJECTION

    @property
    def written_answer(self):
        """The answer to this objection, or None (templates can't catch the missing one-to-one row)."""
        try:
            return self.answer
        except ObjectionAnswer.DoesNotExist:
            return None


class ObjectionAnswer(models.Model):
    """The written answer to an objection (by the author or a coordinator); adoption needs one per objection."""

    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="answer")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField("réponse", max_length=5000)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "réponse à une objection"
        verbose_name_plural = "réponses aux objections"

    def __str__(self):
        return f"Réponse à {self.position}"


class ProposalEvent(models.Model):
    """A change of a proposal's status, kept with who did it and why. Never edited."""

    proposal = models.ForeignKey(IndicatorProposal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.TextField(blank=True, max_length=3000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "événement de proposition"
        verbose_name_plural = "événements de propositions"
        ordering = ["proposal", "at", "pk"]

    def __str__(self):
        return f"{self.proposal} : {self.from_status or '—'} → {self.to_status}"

    @property
    def to_label(self):
        return IndicatorProposal.Status(self.to_status).label
