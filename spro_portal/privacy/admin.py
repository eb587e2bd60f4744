from django.contrib import admin

from spro_portal.read_only_admin import ReadOnlyAdmin

from .models import DataExport, LoginSession


@admin.register(LoginSession)
class LoginSessionAdmin(ReadOnlyAdmin):
    """Login records, for the technical team's security checks; deleted by the retention task."""

    list_display = ["user", "started_at", "last_seen_at", "ended_at", "end_reason", "ip_prefix", "device"]
    list_filter = ["end_reason"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    exclude = ["session_key"]  # the key opens the session: never shown


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    """Who asked for their data and when; the archive itself is downloaded by its person only."""

    list_display = ["user", "status", "created_at", "ready_at", "size"]
    list_filter = ["status"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    exclude = ["file"]
