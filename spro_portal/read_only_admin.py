"""Admin pages for rows written only by the services (history, counters, versions): read there, never edited."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """Read here, never added, changed nor deleted: the services keep these rows consistent."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
