import django_filters

from members.models import Mission
from spro_portal.ids import IdModelChoiceFilter

from ..models import IndicatorProposal


class ProposalFilter(django_filters.FilterSet):
    """The proposals list: by status and by mission; a value not understood is ignored with a French notice."""

    status = django_filters.ChoiceFilter(
        label="Statut", choices=IndicatorProposal.Status.choices, empty_label="Tous les statuts"
    )
    mission = IdModelChoiceFilter(
        queryset=Mission.objects.all(),
        label="Mission",
        empty_label="Toutes les missions",
        error_messages={"invalid_choice": "Cette mission n'existe pas : filtre ignoré."},
    )

    class Meta:
        model = IndicatorProposal
        fields = []
