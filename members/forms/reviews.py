from django import forms

from spro_portal.ids import IdModelChoiceField

from ..models import CommitmentReview, ReviewCycle
from ..permissions.reviews import review_decision_problems
from ..services.reviews import DUE_BEFORE_OPENING, year_taken

APPROVED = CommitmentReview.Decision.APPROVED
CHANGES_REQUESTED = CommitmentReview.Decision.CHANGES_REQUESTED

ITEM_CHOICES = [(APPROVED, "Conforme"), (CHANGES_REQUESTED, "À reprendre")]
OVERALL_CHOICES = [
    (APPROVED, "Valider l'ensemble des engagements"),
    (CHANGES_REQUESTED, "Demander des modifications à la structure"),
]


class CommitmentReviewForm(forms.Form):
    """One opinion per submitted item (with a reason when it must be reworked), then an overall decision.

    Nothing is ticked in advance: the coordinator gives every opinion. The rules are in permissions.reviews.
    """

    submission = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Le dépôt examiné est inconnu : rechargez la page.",
            "invalid": "Le dépôt examiné est inconnu : rechargez la page.",
        },
    )
    decision = forms.ChoiceField(
        label="Décision d'ensemble",
        choices=OVERALL_CHOICES,
        widget=forms.RadioSelect,
        required=False,  # the review rules say what is missing, in one place
    )
    comment = forms.CharField(
        label="Commentaire général (facultatif)",
        help_text="Adressé aux référent·es de la structure avec votre décision.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            item_id = item["item_id"]
            self.fields[f"item-{item_id}-decision"] = forms.ChoiceField(
                label=f"Avis sur l'engagement {item['code']}",
                choices=ITEM_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"item-{item_id}-reason"] = forms.CharField(
                label=f"Motif de la demande de modification pour {item['code']}",
                help_text="Obligatoire si l'engagement est à reprendre : dites ce que la structure doit préciser.",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=3000,
            )

    def item_rows(self):
        """Each submitted item with its two fields, in the order of the submission."""
        for item in self.items:
            yield {
                "item": item,
                "decision": self[f"item-{item['item_id']}-decision"],
                "reason": self[f"item-{item['item_id']}-reason"],
            }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        problems = review_decision_problems(
            item_ids=[int(item["item_id"]) for item in self.items],
            item_decisions=self.item_decisions(),
            decision=cleaned.get("decision"),
            comment=cleaned.get("comment", ""),
        )
        for problem in problems:
            name = "decision" if problem.item_id is None else f"item-{problem.item_id}-{problem.field}"
            self.add_error(name, problem.message)
        return cleaned

    def error_label(self, name):
        if name in ("decision", "comment"):
            return "Votre décision" if name == "decision" else "Commentaire général"
        item = next(item for item in self.items if name.startswith(f"item-{item['item_id']}-"))
        what = "avis" if name.endswith("-decision") else "motif"
        return f"{item['code']} — {item['title']}, {what}"

    def item_decisions(self):
        """`{item_id: (decision, reason)}` as the review service expects it."""
        return {
            int(item["item_id"]): (
                self.cleaned_data.get(f"item-{item['item_id']}-decision", ""),
                self.cleaned_data.get(f"item-{item['item_id']}-reason", ""),
            )
            for item in self.items
        }


class CycleForm(forms.Form):
    """The review cycle an overview or export is about; the current one unless chosen."""

    cycle = IdModelChoiceField(
        label="Cycle de revue",
        queryset=ReviewCycle.objects.all(),
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": "Ce cycle n'existe pas : le cycle en cours est affiché."},
    )

    def selected_cycle(self):
        if self.is_bound and self.is_valid() and self.cleaned_data.get("cycle"):
            return self.cleaned_data["cycle"]
        return ReviewCycle.objects.current()


class ReviewCycleForm(forms.ModelForm):
    """A new yearly review cycle: its year (one cycle a year), opening date and deadline."""

    class Meta:
        model = ReviewCycle
        fields = ["year", "opens_on", "due_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"opens_on": "Date d'ouverture"}
        help_texts = {
            "year": "Par exemple 2027. Un seul cycle par année.",
            "opens_on": "À partir de cette date, les référent·es peuvent commencer les engagements du cycle.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = "Ce champ est obligatoire."

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Saisissez une année entre 2000 et 2100.")
        if ReviewCycle.objects.filter(year=year).exists():
            raise forms.ValidationError(year_taken(year))
        return year

    def clean(self):
        cleaned = super().clean()
        opens_on, due_on = cleaned.get("opens_on"), cleaned.get("due_on")
        if opens_on and due_on and due_on <= opens_on:
            self.add_error("due_on", DUE_BEFORE_OPENING)
        return cleaned

    def validate_unique(self):
        pass  # clean_year says it in French, with the year; the service catches a race
