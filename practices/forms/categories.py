from django import forms

from members.models import Mission
from spro_portal.ids import IdModelChoiceField

from ..models import Category


class CategoryForm(forms.Form):
    name = forms.CharField(label="Nom", max_length=80, error_messages={"required": "Donnez un nom à la catégorie."})
    kind = forms.ChoiceField(
        label="Sorte",
        choices=Category.Kind.choices,
        initial=Category.Kind.THEME,
        error_messages={"required": "Choisissez mission ou thème.", "invalid_choice": "Choisissez mission ou thème."},
    )
    mission = IdModelChoiceField(
        label="Mission du SPRO (pour une catégorie de mission)",
        queryset=Mission.objects.all(),
        required=False,
        empty_label="Aucune",
        error_messages={"invalid_choice": "Cette mission n'existe pas : choisissez-en une dans la liste."},
    )
    description = forms.CharField(
        label="Description",
        max_length=300,
        required=False,
        help_text="Une phrase qui dit ce dont on parle ici.",
        error_messages={"max_length": "La description est trop longue : 300 caractères au plus."},
    )
    position = forms.IntegerField(
        label="Position dans la liste",
        min_value=0,
        max_value=1000,
        initial=0,
        help_text="Les plus petits nombres viennent d'abord.",
        error_messages={
            "required": "Donnez une position (0 pour la première place).",
            "invalid": "La position est un nombre entier.",
            "min_value": "La position est un nombre positif.",
            "max_value": "La position ne dépasse pas 1000.",
        },
    )

    @classmethod
    def initial_from(cls, category):
        return {
            "name": category.name,
            "kind": category.kind,
            "mission": category.mission_id,
            "description": category.description,
            "position": category.position,
        }
