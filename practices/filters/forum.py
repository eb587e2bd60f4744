"""The filters of a category's list of topics: « résolues », « sans réponse », a tag."""

import django_filters

from ..models import Topic


class TopicFilter(django_filters.FilterSet):
    etat = django_filters.ChoiceFilter(
        label="Afficher",
        choices=[("resolus", "Questions résolues"), ("sans-reponse", "Sans réponse")],
        empty_label="Tous les sujets",
        method="filter_state",
        error_messages={"invalid_choice": "Ce choix n'existe pas : prenez-en un dans la liste."},
    )

    class Meta:
        model = Topic
        fields = ["etat"]

    def filter_state(self, queryset, name, value):
        if value == "resolus":
            return queryset.solved()
        if value == "sans-reponse":
            return queryset.unanswered()
        return queryset
