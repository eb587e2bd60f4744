"""The library's filters and sorting. A value that does not validate is left out and shown as an error on the
form (django-filter filters with the valid values only), so a hand-edited link never fails."""

import django_filters

from members.filters.structures import structure_type_filter, territory_filter
from members.models import Audience, Mission
from spro_portal.ids import IdModelChoiceFilter

from ..models import Kind, Licence, Resource

SORTS = {
    "recentes": ("-created_at", "-pk"),
    "reutilisees": ("-reuse_count", "-created_at", "-pk"),
    "telechargees": ("-download_count", "-created_at", "-pk"),
}


def _invalid(what):
    return {"invalid_choice": f"{what} n'existe pas : choisissez dans la liste."}


class ResourceFilter(django_filters.FilterSet):
    sorte = django_filters.ChoiceFilter(
        label="Sorte",
        field_name="kind",
        choices=Kind.choices,
        empty_label="Toutes les sortes",
        error_messages=_invalid("Cette sorte de ressource"),
    )
    mission = IdModelChoiceFilter(
        label="Mission",
        field_name="missions",
        queryset=Mission.objects.all(),
        to_field_name="code",
        empty_label="Toutes les missions",
        error_messages=_invalid("Cette mission"),
    )
    public = IdModelChoiceFilter(
        label="Public",
        field_name="audiences",
        queryset=Audience.objects.all(),
        to_field_name="code",
        empty_label="Tous les publics",
        error_messages=_invalid("Ce public"),
    )
    licence = django_filters.ChoiceFilter(
        label="Licence",
        choices=Licence.choices,
        empty_label="Toutes les licences",
        error_messages=_invalid("Cette licence"),
    )
    type = structure_type_filter("author_structure__type")
    territoire = territory_filter("author_structure__territory")
    reutilisee = django_filters.ChoiceFilter(
        label="Réutilisée",
        choices=[("oui", "Déjà réutilisées"), ("non", "Pas encore réutilisées")],
        empty_label="Toutes",
        method="filter_reused",
        error_messages=_invalid("Ce choix"),
    )
    tri = django_filters.ChoiceFilter(
        label="Trier par",
        choices=[
            ("recentes", "Les plus récentes"),
            ("reutilisees", "Les plus réutilisées"),
            ("telechargees", "Les plus téléchargées"),
        ],
        empty_label=None,
        method="sort",
        error_messages=_invalid("Ce tri"),
    )

    class Meta:
        model = Resource
        fields = []

    def filter_reused(self, queryset, name, value):
        return queryset.filter(reuse_count__gt=0) if value == "oui" else queryset.filter(reuse_count=0)

    def sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    @property
    def is_filtering(self):
        """Whether a criterion (other than the order) narrowed the list."""
        data = self.form.cleaned_data if self.form.is_valid() else getattr(self.form, "cleaned_data", {})
        return any(value not in (None, "") for name, value in data.items() if name != "tri")
