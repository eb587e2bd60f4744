"""The network's figures of each indicator per period, kept beside the values so a dashboard reads one row per
period instead of aggregating every structure's value at each request.

Only validated reports count. The rows are recomputed (services.summaries) whenever a report enters or leaves the
validated status: a coordinator validates it, or reopens the campaign for its structure.
"""

from django.db import models


class PeriodFigures(models.Model):
    """Sums over the validated values of one indicator for one period, from which any aggregation is computed."""

    indicator = models.ForeignKey("Indicator", on_delete=models.CASCADE, related_name="period_figures")
    period_start = models.DateField("début de la période")
    structures = models.PositiveIntegerField("structures")  # distinct structures with a validated value
    total = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    numerator = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    denominator = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    median = models.DecimalField(max_digits=18, decimal_places=4, null=True)  # of the values, hidden if secret
    values = models.PositiveIntegerField("valeurs")  # how many values the median is over
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "chiffres d'une période"
        verbose_name_plural = "chiffres des périodes"
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="one_figures_row_per_period"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.period_start}"
