"""The search form: the words, then the filters. A value that does not validate is left out of the search and shown
as an error beside its field, so a hand-edited link never fails."""

from django import forms
from django.core.exceptions import ValidationError

from members.models import Mission
from spro_portal.ids import IdModelChoiceField

from ..models import Category

QUERY_MAX_LENGTH = 200
KINDS = [("", "Tout"), ("sujets", "Sujets"), ("messages", "Réponses"), ("ressources", "Ressources")]


def _invalid(what):
    return {"invalid_choice": f"{what} n'existe pas : choisissez dans la liste."}


def _date(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Cette date n'existe pas : écrivez-la comme 31/12/2026."},
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Mots à chercher",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        help_text="Des mots, « une expression entre guillemets », -mot pour l'exclure, ou pour l'un ou l'autre.",
        error_messages={"max_length": f"La recherche est trop longue ({QUERY_MAX_LENGTH} caractères au plus)."},
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sorte = forms.ChoiceField(label="Chercher dans", choices=KINDS, required=False, error_messages=_invalid("Ce choix"))
    categorie = IdModelChoiceField(
        label="Catégorie du forum",
        queryset=Category.objects.all(),
        required=False,
        empty_label="Toutes les catégories",
        error_messages=_invalid("Cette catégorie"),
    )
    mission = IdModelChoiceField(
        label="Mission",
        queryset=Mission.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Toutes les missions",
        error_messages=_invalid("Cette mission"),
    )
    resolues = forms.BooleanField(label="Questions résolues seulement", required=False)
    du = _date("Publié depuis le")
    au = _date("Publié jusqu'au")

    def clean(self):
        data = super().clean()
        since, until = data.get("du"), data.get("au")
        if since and until and since > until:
            self.add_error("au", ValidationError("Cette date est avant la date de début : inversez-les."))
            data.pop("au", None)
        return data

    def criteria(self):
        """The valid values only (an invalid one is left out), whether or not the whole form validates."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": (data.get("q") or "").strip(),
            "kind": data.get("sorte") or "",
            "category": data.get("categorie"),
            "mission": data.get("mission"),
            "solved": bool(data.get("resolues")),
            "since": data.get("du"),
            "until": data.get("au"),
        }
