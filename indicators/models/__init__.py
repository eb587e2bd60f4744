from .campaigns import Campaign, CampaignReopening, ReminderSent, Report, ReportEvent, ReportValue
from .definitions import Aggregation, Calculation, Indicator, IndicatorVersion, Periodicity, Unit
from .proposals import (
    IndicatorProposal,
    ObjectionAnswer,
    Position,
    ProposalComment,
    ProposalEvent,
    ProposalRevision,
)
from .summaries import PeriodFigures

__all__ = [
    "Aggregation",
    "Calculation",
    "Campaign",
    "CampaignReopening",
    "Indicator",
    "IndicatorProposal",
    "IndicatorVersion",
    "ObjectionAnswer",
    "PeriodFigures",
    "Periodicity",
    "Position",
    "ProposalComment",
    "ProposalEvent",
    "ProposalRevision",
    "ReminderSent",
    "Report",
    "ReportEvent",
    "ReportValue",
    "Unit",
]
