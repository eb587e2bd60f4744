"""django-filter FilterSets of the members app: the public directory of structures and the people directory.

A value that does not validate (an unknown territory, a made-up type) is left out of the filtering and shown as an
error on the form, so a hand-edited or outdated link never fails.
"""

import django_filters

from spro_portal.ids import IdModelChoiceFilter
from spro_portal.search import words_in

from ..models import Audience, ExpertiseArea, Membership, Mission, Structure, Territory


def territory_filter(field_name="territory"):
    return IdModelChoiceFilter(
        label="Territoire",
        field_name=field_name,
        queryset=Territory.objects.all(),
        to_field_name="slug",
        empty_label="Tous les territoires",
        error_messages={"invalid_choice": "Ce territoire n'existe pas : choisissez-en un dans la liste."},
    )


def structure_type_filter(field_name="type"):
    return django_filters.ChoiceFilter(
        label="Type de structure",
        field_name=field_name,
        choices=Structure.Type.choices,
        empty_label="Tous les types",
        error_messages={"invalid_choice": "Ce type de structure n'existe pas : choisissez-en un dans la liste."},
    )


class StructureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Nom ou commune", method="filter_q", max_length=100)
    territory = territory_filter()
    type = structure_type_filter()
    mission = IdModelChoiceFilter(
        label="Mission",
        field_name="missions",
        queryset=Mission.objects.all(),
        to_field_name="code",
        empty_label="Toutes les missions",
        error_messages={"invalid_choice": "Cette mission n'existe pas : choisissez-en une dans la liste."},
    )
    audience = IdModelChoiceFilter(
        label="Public accueilli",
        field_name="audiences",
        queryset=Audience.objects.all(),
        to_field_name="code",
        empty_label="Tous les publics",
        error_messages={"invalid_choice": "Ce public n'existe pas : choisissez-en un dans la liste."},
    )

    class Meta:
        model = Structure
        fields = ["q", "territory", "type", "mission", "audience"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(words_in(["name", "commune"], value))


class PeopleFilter(django_filters.FilterSet):
    """Filters a queryset of active memberships (one row per person)."""

    q = django_filters.CharFilter(label="Nom", method="filter_q", max_length=100)
    territory = territory_filter("structure__territory")
    structure_type = structure_type_filter("structure__type")
    expertise = IdModelChoiceFilter(
        label="Domaine d'expertise",
        field_name="user__expertise",
        queryset=ExpertiseArea.objects.all(),
        to_field_name="slug",
        empty_label="Tous les domaines",
        error_messages={"invalid_choice": "Ce domaine d'expertise n'existe pas : choisissez-en un dans la liste."},
    )

    class Meta:
        model = Membership
        fields = ["q", "territory", "structure_type", "expertise"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(words_in(["user__first_name", "user__last_name"], value))
