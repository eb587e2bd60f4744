"""The « indicators » generation of the dashboards' shared parts (spro_portal.fragments, pages.dashboards): the
network's figures, breakdowns and completeness, the chart, and how the indicator was decided. Renewed after any
change to a report's status, a campaign, the sums kept per period, or a proposal's discussion; and after a
structure moved to another territory or type, or a territory renamed (the breakdowns and completeness name them).
What goes by `update()` or `bulk_create()` sends no signal: services.reports.report_submit and
services.summaries.store renew it themselves.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from members.models import Structure, Territory
from spro_portal import fragments

from .models import (
    Campaign,
    CampaignReopening,
    Indicator,
    IndicatorProposal,
    IndicatorVersion,
    ObjectionAnswer,
    Position,
    ProposalComment,
    Report,
)

FIGURES = "indicators"
_WATCHED = (
    Campaign,
    CampaignReopening,
    Indicator,
    IndicatorProposal,
    IndicatorVersion,
    ObjectionAnswer,
    Position,
    ProposalComment,
    Report,
)


def renew_on_commit():
    transaction.on_commit(lambda: fragments.renew(FIGURES))


def _changed(sender, **kwargs):
    renew_on_commit()


# What the shared parts read of the network itself: the breakdowns group by a structure's territory and type, the
# completeness tables name the territories.
_NETWORK_FIELDS = {Structure: {"territory", "territory_id", "type"}, Territory: {"name"}}


def _network_may_have_changed(sender, update_fields=None, **kwargs):
    if update_fields is None or set(update_fields) & _NETWORK_FIELDS[sender]:
        renew_on_commit()


def connect_signals():
    for model in _WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"indicators-figures-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"indicators-figures-{model.__name__}-delete")
    for model in _NETWORK_FIELDS:
        post_save.connect(_network_may_have_changed, sender=model, dispatch_uid=f"indicators-network-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"indicators-network-{model.__name__}-delete")
    for relation in (Campaign.structures.through, Campaign.indicators.through):
        m2m_changed.connect(_changed, sender=relation, dispatch_uid=f"indicators-figures-{relation.__name__}")
