from decimal import Decimal

from django import forms

from members.models import Territory
from spro_portal.ids import IdModelMultipleChoiceField

from ..models import Indicator, Periodicity
from ..services.reports import Entry

NUMBER_ERRORS = {
    "invalid": "Saisissez un nombre (chiffres, avec une virgule pour les décimales).",
    "max_digits": "Ce nombre est trop grand.",
    "max_whole_digits": "Ce nombre est trop grand.",
    "max_decimal_places": "Au plus 4 décimales.",
}
INCOMPLETE = "Le formulaire est incomplet : rechargez la page, puis recommencez."


def number_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=18,
        decimal_places=4,
        localize=True,
        error_messages=NUMBER_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def shown(number):
    """A stored number as a person typed it: 420 and 12,5, not the column's 420,0000."""
    return None if number is None else Decimal(f"{number.normalize():f}")


class ReportForm(forms.Form):
    """One field per indicator (two for a ratio) and a comment each; `revision` detects a concurrent save."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indicators, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            version, saved = indicator.current_version, values.get(indicator.pk)
            if version.is_ratio:
                self.fields[f"num_{indicator.pk}"] = number_field(f"Numérateur : {version.numerator_label}")
                self.fields[f"den_{indicator.pk}"] = number_field(f"Dénominateur : {version.denominator_label}")
                self.initial.setdefault(f"num_{indicator.pk}", shown(saved.numerator) if saved else None)
                self.initial.setdefault(f"den_{indicator.pk}", shown(saved.denominator) if saved else None)
            else:
                self.fields[f"value_{indicator.pk}"] = number_field(f"Valeur ({version.get_unit_display()})")
                self.initial.setdefault(f"value_{indicator.pk}", shown(saved.value) if saved else None)
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label="Commentaire", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.initial.setdefault(f"comment_{indicator.pk}", saved.comment if saved else "")

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:
            self.add_error(None, INCOMPLETE)
        return cleaned

    def rows(self, errors=None):
        """What the template lays out: per indicator, its bound fields and the checks it failed."""
        errors = errors or {}
        rows = []
        for indicator in self.indicators:
            names = (
                [f"num_{indicator.pk}", f"den_{indicator.pk}"]
                if indicator.current_version.is_ratio
                else [f"value_{indicator.pk}"]
            )
            rows.append(
                {
                    "indicator": indicator,
                    "version": indicator.current_version,
                    "fields": [self[name] for name in names],
                    "comment": self[f"comment_{indicator.pk}"],
                    "problems": errors.get(indicator.pk, []),
                }
            )
        return rows

    def entries(self):
        data = self.cleaned_data
        return {
            indicator.pk: Entry(
                value=data.get(f"value_{indicator.pk}"),
                numerator=data.get(f"num_{indicator.pk}"),
                denominator=data.get(f"den_{indicator.pk}"),
                comment=data.get(f"comment_{indicator.pk}") or "",
            )
            for indicator in self.indicators
        }


class CampaignForm(forms.Form):
    label = forms.CharField(label="Période (intitulé)", max_length=60, help_text="Par exemple « 1er trimestre 2027 ».")
    periodicity = forms.ChoiceField(label="Périodicité", choices=Periodicity.choices, widget=forms.RadioSelect)
    period_start = forms.DateField(label="Début de la période", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="Fin de la période", widget=forms.DateInput(attrs={"type": "date"}))
    indicators = IdModelMultipleChoiceField(
        label="Indicateurs", queryset=Indicator.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    territories = IdModelMultipleChoiceField(
        label="Territoires (leurs structures labellisées)",
        queryset=Territory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = forms.DateField(label="Ouverture de la saisie", widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label="Date limite", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.select_related("current_version").order_by(
            "current_version__name"
        )
        territories = Territory.objects.all()
        if not actor.is_regional_coordinator:
            territories = territories.filter(pk__in=actor.territory_ids)
        self.fields["territories"].queryset = territories


class ReopenForm(forms.Form):
    until = forms.DateField(label="Nouvelle date limite", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Motif de la réouverture", max_length=3000, widget=forms.Textarea(attrs={"rows": 2}))
