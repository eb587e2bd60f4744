from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import DigestDelivery, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest", "updated_at"]
    list_filter = ["digest"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    """The record of the sends: read-only, so that an « uncertain » or failed row is looked at, never rewritten."""

    list_display = ["user", "period", "status", "attempts", "claimed_at", "sent_at", "preview"]
    list_filter = ["status", "period"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "period", "status", "created_at", "claimed_at", "sent_at", "attempts", "error"]

    @admin.display(description="résumé")
    def preview(self, delivery):
        url = reverse("digest:browser", args=[delivery.period]) + f"?personne={delivery.user_id}"
        return format_html('<a href="{}">Prévisualiser</a>', url)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
