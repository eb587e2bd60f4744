"""Reporting campaigns, each structure's report for one, its values and its history."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .definitions import Periodicity


class Campaign(models.Model):
    """A coordinator asks the structures in scope for the values of some indicators over one period."""

    label = models.CharField("période", max_length=60)
    periodicity = models.CharField("périodicité", max_length=16, choices=Periodicity.choices)
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    indicators = models.ManyToManyField("Indicator", related_name="campaigns", verbose_name="indicateurs")
    structures = models.ManyToManyField("members.Structure", related_name="campaigns", verbose_name="structures")
    opens_on = models.DateField("ouverture")
    deadline = models.DateField("date limite")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="ouverte par"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "campagne"
        ordering = ["-period_start", "-pk"]
        indexes = [models.Index(fields=["deadline"]), models.Index(fields=["period_start"])]

    def __str__(self):
        return f"Campagne {self.label}"

    def get_absolute_url(self):
        return reverse("indicators:campaign_detail", args=[self.pk])


class CampaignReopening(models.Model):
    """After the deadline, a coordinator reopens the campaign for one structure, with a reason, until a date."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reopenings")
    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="+")
    until = models.DateField("jusqu'au")
    reason = models.TextField("motif", max_length=3000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réouverture de campagne"
        verbose_name_plural = "réouvertures de campagnes"
        ordering = ["campaign", "-at"]
        indexes = [models.Index(fields=["campaign", "structure", "until"])]

    def __str__(self):
        return f"{self.campaign} rouverte pour {self.structure}"


class ReportQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("campaign", "structure__territory", "submitted_by")


class Report(models.Model):
    """One structure's answer to one campaign. `revision` grows at every save, to detect concurrent edits."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SUBMITTED = "submitted", "Déposé"
        VALIDATED = "validated", "Validé"
        RETURNED = "returned", "Renvoyé"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="indicator_reports")
    status = models.CharField("statut", max_length=16, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    return_reason = models.TextField("motif du renvoi", blank=True, max_length=3000)
    updated_at = models.DateTimeField("enregistré le", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("déposé le", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validated_at = models.DateTimeField("validé le", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    SUBMITTED_STATUSES = (Status.SUBMITTED, Status.VALIDATED)

    class Meta:
        verbose_name = "rapport"
        constraints = [models.UniqueConstraint(fields=["campaign", "structure"], name="one_report_per_campaign")]
        indexes = [
            models.Index(fields=["status", "campaign"]),
            models.Index(fields=["structure", "status"]),
        ]

    def __str__(self):
        return f"{self.structure} — {self.campaign}"

    def get_absolute_url(self):
        return reverse("indicators:report_detail", args=[self.campaign_id, self.structure.slug])

    @property
    def is_editable_status(self):
        return self.status in self.EDITABLE_STATUSES


class ReportValue(models.Model):
    """The value of one indicator in one report (or its numerator and denominator), against one version."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey("Indicator", on_delete=models.PROTECT, related_name="values")
    version = models.ForeignKey("IndicatorVersion", on_delete=models.PROTECT, related_name="values")
    # For a ratio, `value` is numerator / denominator (×100 for a percentage), kept so means and medians are SQL.
    value = models.DecimalField("valeur", max_digits=18, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField("numérateur", max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField("dénominateur", max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.TextField("commentaire", blank=True, max_length=2000)

    class Meta:
        verbose_name = "valeur"
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")]
        indexes = [models.Index(fields=["indicator", "report"])]

    def __str__(self):
        return f"{self.indicator} : {self.value}"


class ReportEvent(models.Model):
    """Every save, submission, validation, return and reopening of a report, with the values as they then were."""

    class Kind(models.TextChoices):
        SAVED = "saved", "Brouillon enregistré"
        SUBMITTED = "submitted", "Déposé"
        VALIDATED = "validated", "Validé"
        RETURNED = "returned", "Renvoyé"
        REOPENED = "reopened", "Campagne rouverte"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    note = models.TextField(blank=True, max_length=3000)
    values = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "historique de rapport"
        verbose_name_plural = "historiques de rapports"
        ordering = ["report", "-at", "-pk"]

    def __str__(self):
        return f"{self.report} : {self.get_kind_display()}"


class ReminderSent(models.Model):
    """A deadline reminder claimed for one structure of one campaign: the unique row makes it go out once, even if
    the daily task runs twice."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "7_days", "7 jours avant la date limite"
        DAY_BEFORE = "1_day", "La veille de la date limite"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    structure = models.ForeignKey("members.Structure", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)

    #: How many days before the deadline each reminder goes out.
    DAYS_BEFORE = {Kind.WEEK_BEFORE: 7, Kind.DAY_BEFORE: 1}

    class Meta:
        verbose_name = "relance envoyée"
        verbose_name_plural = "relances envoyées"
        constraints = [models.UniqueConstraint(fields=["campaign", "structure", "kind"], name="one_reminder_per_kind")]

    def __str__(self):
        return f"{self.campaign} : {self.get_kind_display()} pour {self.structure}"
