from django.conf import settings
from django.db import models


class CharterVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CharterVersion.Status.PUBLISHED)

    def current(self):
        """The version in force: the latest published one whose effective date has come."""
        from django.utils import timezone

        return self.published().filter(effective_date__lte=timezone.localdate()).order_by("-effective_date").first()


class CharterVersion(models.Model):
    """A version of the SPRO charter. Coordinators draft it; once published it is never edited."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        PUBLISHED = "published", "Publiée"

    title = models.CharField("titre", max_length=200)
    effective_date = models.DateField("date d'entrée en vigueur")
    body = models.TextField("texte (Markdown)", max_length=50000)
    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="rédigée par"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CharterVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version de la charte"
        verbose_name_plural = "versions de la charte"
        ordering = ["-effective_date", "-created_at"]

    def __str__(self):
        return f"{self.title} ({self.effective_date:%d/%m/%Y})"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class CommitmentItem(models.Model):
    """One commitment of a charter version, e.g. « M1 — Accueillir toute personne sans condition »."""

    class Category(models.TextChoices):
        MISSIONS = "missions", "Les quatre missions"
        COOPERATION = "cooperation", "Coopération et mutualisation"
        DEVELOPMENT = "development", "Contribution au projet de développement"
        INDICATORS = "indicators", "Construction des indicateurs"

    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("code", max_length=12)
    title = models.CharField("intitulé", max_length=250)
    description = models.TextField("description", max_length=3000, blank=True)
    category = models.CharField("catégorie", max_length=16, choices=Category.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "engagement de la charte"
        verbose_name_plural = "engagements de la charte"
        ordering = ["version", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_item_code_per_version")]

    def __str__(self):
        return f"{self.code} — {self.title}"


class CharterSignature(models.Model):
    """A referent signed a charter version on behalf of their structure."""

    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="signatures")
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="signatures")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="signée par"
    )
    signed_at = models.DateTimeField("signée le", auto_now_add=True)

    class Meta:
        verbose_name = "signature de la charte"
        verbose_name_plural = "signatures de la charte"
        ordering = ["-signed_at"]
        constraints = [models.UniqueConstraint(fields=["structure", "version"], name="one_signature_per_version")]

    def __str__(self):
        return f"{self.structure} — {self.version}"
