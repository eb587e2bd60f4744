from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    CharterSignature,
    CharterVersion,
    CommitmentItem,
    Coordinator,
    ExpertiseArea,
    Invitation,
    JoinRequest,
    LabelStatusChange,
    Membership,
    ReviewCycle,
    Structure,
    Territory,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["structure"]
    readonly_fields = ["joined_at", "updated_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "job_title"]}),
        (
            "Droits",
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "territory", "commune", "label_status"]
    list_filter = ["type", "territory", "label_status"]
    search_fields = ["name", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["territory"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "structure", "role", "is_active", "joined_at"]
    list_filter = ["role", "is_active", "structure__territory"]
    search_fields = ["user__email", "user__last_name", "structure__name"]
    autocomplete_fields = ["user", "structure"]
    list_select_related = ["user", "structure"]
    readonly_fields = ["updated_by"]


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "is_regional"]
    filter_horizontal = ["territories"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "structure",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "structure__name"]
    readonly_fields = ["token", "invited_by", "accepted_by"]
    list_select_related = ["structure"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "structure", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "structure__name"]
    list_select_related = ["user", "structure"]
    readonly_fields = ["decided_by"]


# -- structures and people --
@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LabelStatusChange)
class LabelStatusChangeAdmin(admin.ModelAdmin):
    """Read-only: label changes are written by the coordinators' page, with their reason, never edited."""

    list_display = ["structure", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "structure__territory"]
    search_fields = ["structure__name", "reason"]
    list_select_related = ["structure", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# -- charter and commitments --
class CommitmentItemInline(admin.TabularInline):
    model = CommitmentItem
    extra = 0


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "effective_date", "status", "published_at"]
    list_filter = ["status"]
    inlines = [CommitmentItemInline]
    readonly_fields = ["created_by", "created_at", "published_at", "published_by"]


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "due_on"]


@admin.register(CharterSignature)
class CharterSignatureAdmin(admin.ModelAdmin):
    list_display = ["structure", "version", "signed_by", "signed_at"]
    list_filter = ["version"]
    search_fields = ["structure__name"]
    list_select_related = ["structure", "version", "signed_by"]

    def has_change_permission(self, request, obj=None):
        return False
