from django import forms

from spro_portal.ids import IdModelChoiceField

from ..models import Category, ModerationAction
from ..models.moderation import REASON_MAX_LENGTH


def reason_field(label, required_message):
    return forms.CharField(
        label=label,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required_message,
            "max_length": f"Le motif est trop long : {REASON_MAX_LENGTH} caractères au plus.",
        },
    )


class ReportForm(forms.Form):
    reason = reason_field("Ce qui ne va pas dans ce message", "Dites en quelques mots ce qui ne va pas.")


class HideForm(forms.Form):
    reason = reason_field("Motif du masquage (montré à l'auteur·rice)", "Donnez le motif du masquage.")


class TopicModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(kind, ModerationAction.Kind(kind).label) for kind in ("lock", "unlock", "pin", "unpin")],
        error_messages={"required": "Choisissez une action.", "invalid_choice": "Cette action n'existe pas."},
    )


class MoveForm(forms.Form):
    category = IdModelChoiceField(
        label="Déplacer vers la catégorie",
        queryset=Category.objects.all(),
        error_messages={"required": "Choisissez une catégorie.", "invalid_choice": "Cette catégorie n'existe pas."},
    )
