"""What an indicator counts, and its adopted definitions: version 1 at adoption, a new version per amendment."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Unit(models.TextChoices):
    COUNT = "count", "nombre"
    PERCENT = "percent", "%"
    HOURS = "hours", "heures"
    DAYS = "days", "jours"
    EUROS = "euros", "euros"


class Calculation(models.TextChoices):
    SINGLE = "single", "Une valeur"
    RATIO = "ratio", "Un rapport (numérateur / dénominateur)"


class Aggregation(models.TextChoices):
    SUM = "sum", "Somme"
    MEAN = "mean", "Moyenne"
    RATIO_OF_SUMS = "ratio_of_sums", "Rapport des sommes"


class Periodicity(models.TextChoices):
    MONTHLY = "monthly", "Mensuelle"
    QUARTERLY = "quarterly", "Trimestrielle"
    YEARLY = "yearly", "Annuelle"


class DefinitionFields(models.Model):
    """The fields a proposal, each of its revisions and each adopted version share."""

    name = models.CharField("nom", max_length=150)
    purpose = models.TextField("à quoi il sert", max_length=3000)
    definition = models.TextField("définition", max_length=5000)
    unit = models.CharField("unité", max_length=16, choices=Unit.choices)
    calculation = models.CharField("calcul", max_length=16, choices=Calculation.choices, default=Calculation.SINGLE)
    numerator_label = models.CharField("numérateur", max_length=200, blank=True)
    denominator_label = models.CharField("dénominateur", max_length=200, blank=True)
    aggregation = models.CharField("agrégation entre structures", max_length=16, choices=Aggregation.choices)
    periodicity = models.CharField("périodicité", max_length=16, choices=Periodicity.choices)
    mission = models.ForeignKey(
        "members.Mission", on_delete=models.PROTECT, related_name="+", verbose_name="mission", null=True, blank=True
    )
    data_source = models.CharField("source des données", max_length=300)
    target = models.DecimalField("cible", max_digits=14, decimal_places=2, null=True, blank=True)

    #: Copied from a proposal to a revision or a version, in this order (the diff reads them in it too).
    DEFINITION_FIELDS = [
        "name",
        "purpose",
        "definition",
        "unit",
        "calculation",
        "numerator_label",
        "denominator_label",
        "aggregation",
        "periodicity",
        "mission_id",
        "data_source",
        "target",
    ]

    class Meta:
        abstract = True

    def definition_values(self):
        return {field: getattr(self, field) for field in self.DEFINITION_FIELDS}

    def form_initial(self):
        """The definition as a form starts from it (an amendment starts from the version in force)."""
        values = self.definition_values()
        values["mission"] = values.pop("mission_id")
        return values

    @property
    def is_ratio(self):
        return self.calculation == Calculation.RATIO

    @property
    def is_percent(self):
        return self.unit == Unit.PERCENT

    @property
    def is_count(self):
        return self.unit == Unit.COUNT


class Indicator(models.Model):
    """An adopted indicator; its definition lives in its versions, `current_version` being the one in force.
    `proposal` is the one that created it; each later version comes from an adopted amendment."""

    slug = models.SlugField(max_length=170, unique=True)
    proposal = models.OneToOneField(
        "IndicatorProposal", on_delete=models.PROTECT, related_name="indicator", verbose_name="proposition"
    )
    current_version = models.ForeignKey(
        "IndicatorVersion", on_delete=models.PROTECT, related_name="+", null=True, verbose_name="version en vigueur"
    )
    adopted_at = models.DateTimeField("adopté le", auto_now_add=True)

    class Meta:
        verbose_name = "indicateur"

    def __str__(self):
        return self.current_version.name if self.current_version_id else self.slug

    def get_absolute_url(self):
        return reverse("indicators:indicator_detail", args=[self.slug])


class IndicatorVersion(DefinitionFields):
    """One adopted definition of an indicator; values keep the version they were reported against."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    proposal = models.ForeignKey(
        "IndicatorProposal", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="proposition adoptée"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="adoptée par"
    )
    created_at = models.DateTimeField("adoptée le", auto_now_add=True)

    class Meta:
        verbose_name = "version d'indicateur"
        verbose_name_plural = "versions d'indicateurs"
        ordering = ["indicator", "number"]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="indicator_version_unique")]

    def __str__(self):
        return f"{self.name} (version {self.number})"
