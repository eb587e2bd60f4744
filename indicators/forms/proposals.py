from django import forms

from members.models import Mission
from spro_portal.ids import IdModelChoiceField

from ..models import IndicatorProposal, Position


class ProposalForm(forms.ModelForm):
    """The definition of a proposed indicator; the note says what a revision changes."""

    note = forms.CharField(label="Ce que cette révision change", max_length=300, required=False)

    class Meta:
        model = IndicatorProposal
        fields = [
            "name",
            "purpose",
            "definition",
            "unit",
            "calculation",
            "numerator_label",
            "denominator_label",
            "aggregation",
            "periodicity",
            "mission",
            "data_source",
            "target",
        ]
        field_classes = {"mission": IdModelChoiceField}
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "definition": forms.Textarea(attrs={"rows": 5}),
            "unit": forms.RadioSelect,
            "calculation": forms.RadioSelect,
            "aggregation": forms.RadioSelect,
            "periodicity": forms.RadioSelect,
        }
        help_texts = {
            "definition": "Ce qui est compté exactement, ce qui ne l'est pas, et sur quelle période.",
            "numerator_label": "Pour un rapport : ce qui est compté au numérateur.",
            "denominator_label": "Pour un rapport : ce qui est compté au dénominateur.",
            "aggregation": "Comment les valeurs des structures se combinent en un chiffre du réseau.",
            "target": "Facultatif : la valeur que le réseau vise.",
        }

    def __init__(self, *args, is_revision=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "calculation", "aggregation", "periodicity"):
            # Radio buttons need no « --------- » choice: the field is required anyway.
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0]]
        self.fields["mission"].queryset = Mission.objects.all()
        self.fields["mission"].empty_label = "Toutes les missions"
        self.fields["target"].localize = True
        self.fields["target"].widget.is_localized = True
        if not is_revision:
            del self.fields["note"]

    def definition_data(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "note"}


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Votre commentaire",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown accepté : **gras**, *italique*, listes, liens.",
    )


class PositionForm(forms.Form):
    kind = forms.ChoiceField(label="Votre position", choices=Position.Kind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Motif",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour une objection.",
    )


class AnswerForm(forms.Form):
    body = forms.CharField(label="Réponse à l'objection", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class OpenDiscussionForm(forms.Form):
    ends_on = forms.DateField(label="Fin de la discussion", widget=forms.DateInput(attrs={"type": "date"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Motif", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
