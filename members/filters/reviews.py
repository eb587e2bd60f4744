import django_filters
from django.http import QueryDict

from spro_portal.ids import IdModelChoiceFilter

from ..models import CommitmentSet, ReviewCycle
from ..permissions.reviews import territories_visible_to
from .structures import structure_type_filter


class ReviewQueueFilter(django_filters.FilterSet):
    """The review queue's filters. Without a choice: submitted sets of the current cycle."""

    territory = IdModelChoiceFilter(
        field_name="structure__territory",
        label="Territoire",
        queryset=None,
        empty_label="Tous mes territoires",
        error_messages={"invalid_choice": "Ce territoire n'est pas dans votre périmètre : filtre ignoré."},
    )
    structure_type = structure_type_filter("structure__type")
    status = django_filters.ChoiceFilter(
        label="Statut",
        choices=CommitmentSet.Status.choices,
        empty_label="Tous les statuts",
    )
    cycle = IdModelChoiceFilter(
        queryset=ReviewCycle.objects.all(),
        label="Cycle",
        empty_label="Tous les cycles",
        error_messages={"invalid_choice": "Ce cycle n'existe pas : filtre ignoré."},
    )

    class Meta:
        model = CommitmentSet
        fields = []

    def __init__(self, data=None, queryset=None, *, actor, cycle=None, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        # A missing key means "not chosen yet" (default applies); an empty value means "all".
        if "status" not in data:
            data["status"] = CommitmentSet.Status.SUBMITTED
        if "cycle" not in data and cycle is not None:
            data["cycle"] = str(cycle.pk)
        super().__init__(data, queryset, **kwargs)
        self.filters["territory"].queryset = territories_visible_to(actor)

    def chosen(self, name):
        """The cleaned value of a filter, or None when it is empty or invalid."""
        self.is_valid()
        return self.form.cleaned_data.get(name)
