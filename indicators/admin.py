"""The technical team's admin. Statuses, values and their history change only through the services (which keep
the history), so every row is shown read-only; definitions and campaigns are corrected by creating new ones."""

from django.contrib import admin

from spro_portal.read_only_admin import ReadOnlyAdmin

from .models import (
    Campaign,
    CampaignReopening,
    Indicator,
    IndicatorProposal,
    IndicatorVersion,
    ObjectionAnswer,
    PeriodFigures,
    Position,
    ProposalComment,
    ProposalEvent,
    ProposalRevision,
    ReminderSent,
    Report,
    ReportEvent,
    ReportValue,
)


@admin.register(IndicatorProposal)
class IndicatorProposalAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "author", "discussion_ends_on", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["slug", "current_version", "adopted_at"]
    search_fields = ["slug"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["label", "periodicity", "opens_on", "deadline"]
    search_fields = ["label"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["structure", "campaign", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["structure__name"]
    list_select_related = ["structure", "campaign"]


for model, fields in [
    (IndicatorVersion, ["name"]),
    (ProposalRevision, ["name"]),
    (ProposalComment, ["body"]),
    (Position, ["reason"]),
    (ObjectionAnswer, ["body"]),
    (ProposalEvent, ["note"]),
    (CampaignReopening, ["reason"]),
    (ReportValue, ["comment"]),
    (ReportEvent, ["note"]),
    (ReminderSent, ["structure__name"]),
    (PeriodFigures, ["indicator__slug"]),
]:
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"search_fields": fields}))
