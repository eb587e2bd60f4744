from django import forms

from spro_portal.ids import IdModelChoiceField

from ..models import CommitmentReview, ReviewCycle

APPROVED = CommitmentReview.Decision.APPROVED
CHANGES_REQUESTED = CommitmentReview.Decision.CHANGES_REQUESTED

ITEM_CHOICES = [(APPROVED, "Conforme"), (CHANGES_REQUESTED, "À reprendre")]
OVERALL_CHOICES = [
    (APPROVED, "Valider l'ensemble des engagements"),
    (CHANGES_REQUESTED, "Demander des modifications à la structure"),
]


class CommitmentReviewForm(forms.Form):
    """One opinion per submitted item (with a reason when it must be reworked), then an overall decision."""

    submission = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Le dépôt examiné est inconnu : rechargez la page."},
    )
    decision = forms.ChoiceField(
        label="Décision d'ensemble",
        choices=OVERALL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une décision d'ensemble."},
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
                initial=APPROVED,
                error_messages={"required": "Choisissez un avis sur cet engagement."},
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
        asks_changes = False
        for item in self.items:
            decision = cleaned.get(f"item-{item['item_id']}-decision")
            if decision == CHANGES_REQUESTED:
                asks_changes = True
                if not cleaned.get(f"item-{item['item_id']}-reason", "").strip():
                    self.add_error(
                        f"item-{item['item_id']}-reason",
                        "Indiquez ce que la structure doit reprendre pour cet engagement.",
                    )
        decision = cleaned.get("decision")
        if decision == APPROVED and asks_changes:
            self.add_error(
                "decision",
                "Vous ne pouvez pas tout valider alors qu'au moins un engagement est marqué « À reprendre » : "
                "demandez des modifications, ou changez l'avis sur cet engagement.",
            )
        if decision == CHANGES_REQUESTED and not asks_changes and not cleaned.get("comment", "").strip():
            self.add_error(
                "decision",
                "Pour demander des modifications, marquez au moins un engagement « À reprendre » "
                "ou écrivez un commentaire général.",
            )
        return cleaned

    def item_decisions(self):
        """`{item_id: (decision, reason)}` as the review service expects it."""
        return {
            int(item["item_id"]): (
                self.cleaned_data[f"item-{item['item_id']}-decision"],
                self.cleaned_data[f"item-{item['item_id']}-reason"],
            )
            for item in self.items
        }


class CycleForm(forms.Form):
    """The review cycle an overview or export is about; the latest one unless chosen."""

    cycle = IdModelChoiceField(
        label="Cycle de revue",
        queryset=ReviewCycle.objects.all(),
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": "Ce cycle n'existe pas : le dernier cycle est affiché."},
    )

    def selected_cycle(self):
        if self.is_bound and self.is_valid() and self.cleaned_data.get("cycle"):
            return self.cleaned_data["cycle"]
        return ReviewCycle.objects.order_by("-year").first()
