from django import forms


class GroupJoinRequestForm(forms.Form):
    message = forms.CharField(
        label="Un mot pour le groupe (facultatif)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Votre message est trop long : 500 caractères au plus."},
    )


class GroupDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accepter"), ("refuse", "Refuser")],
        error_messages={"required": "Choisissez d'accepter ou de refuser.", "invalid_choice": "Décision inconnue."},
    )
