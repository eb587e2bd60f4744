"""The « indicators » generation of the dashboards' shared parts (spro_portal.fragments, pages.dashboards): the
network's figures, breakdowns and completeness, the chart, and how the indicator was decided. Renewed after any
change to a report's status, a campaign, the sums kept per period, or a proposal's discussion; and after a
structure moved to another territory or type, or a territory renamed (the breakdowns and completeness name them).
What goes by `update()` or `bulk_create()` sends no signal: services.reports.report_submit and
services.summaries.store renew it themselves.
"""

from members.models import Structure, Territory
from spro_portal.fragments import renew_on_change, renew_on_m2m_change

from . import models

FIGURES = "indicators"


def connect_signals():
    for model in (
        models.Campaign,
        models.CampaignReopening,
        models.Indicator,
        models.IndicatorProposal,
        models.IndicatorVersion,
        models.ObjectionAnswer,
        models.Position,
        models.ProposalComment,
        models.Report,
    ):
        renew_on_change(model, FIGURES)
    # What the shared parts read of the network itself: the breakdowns group by a structure's territory and type,
    # the completeness tables name the territories.
    renew_on_change(Structure, FIGURES, fields=("territory", "territory_id", "type"))
    renew_on_change(Territory, FIGURES, fields=("name",))
    for relation in (models.Campaign.structures.through, models.Campaign.indicators.through):
        renew_on_m2m_change(relation, FIGURES)
