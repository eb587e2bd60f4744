"""The « indicators » generation of the dashboards' shared parts (spro_portal.fragments, pages.dashboards): the
network's figures, breakdowns and completeness, the chart, and how the indicator was decided. Renewed after any
change to a report's status, a campaign, the sums kept per period, or a proposal's discussion; and after a
structure moved to another territory or type, or a territory renamed (the breakdowns and completeness name them).
What goes by `update()` or `bulk_create()` sends no signal: services.reports.report_submit and
services.summaries.store renew it themselves.
"""

from members.models import Mission, Structure, Territory
from spro_portal.fragments import renew_on_change, renew_on_m2m_change

from . import models

FIGURES = "indicators"


def structure_values(slug):
    """The generation of one structure's own values, by the slug its report's address names (its reports' drafts
    go by `update()` and `bulk_update()`: services.reports.report_save_draft renews it)."""
    return f"indicators-structure:{slug}"


def dashboard_generations(actor):
    """What a dashboard or a campaign page shows besides its URL and the reader's role: the network's figures,
    people's and structures' names, and the reader's own structure's values."""
    own = (structure_values(actor.structure.slug),) if actor.structure_id else ()
    return (FIGURES, "names", *own)


def report_generations(slug):
    """What a structure's report page shows besides its URL and the reader's role."""
    return (FIGURES, "names", structure_values(slug))


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
    renew_on_change(Mission, FIGURES, fields=("name",))  # an indicator's page names its mission
    for relation in (models.Campaign.structures.through, models.Campaign.indicators.through):
        renew_on_m2m_change(relation, FIGURES)
