from django import forms

from ..models import Subscription


class WatchForm(forms.Form):
    level = forms.ChoiceField(
        label="Suivi",
        choices=Subscription.Level.choices,
        error_messages={"required": "Choisissez comment suivre.", "invalid_choice": "Ce choix de suivi n'existe pas."},
    )
