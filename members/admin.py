"""The technical team's admin. Rows that are history (label changes, signatures, submissions, reviews) are shown,
never edited nor deleted: nothing is overwritten (DESIGN §4). Status fields change only through the services, which
also write the history and send the emails, so the admin shows them read-only; so are the structures' commitments
and evidence, which their referents write on their own page.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe

from spro_portal.read_only_admin import ReadOnlyAdminMixin

from .models import (
    Audience,
    CharterSignature,
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Coordinator,
    Evidence,
    ExpertiseArea,
    Invitation,
    JoinRequest,
    LabelStatusChange,
    Membership,
    Mission,
    ReviewCycle,
    Structure,
    Territory,
    User,
)
from .services.accounts import account_close

# Addresses typed without a scheme are https ones, as in the portal's forms.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


# -- people and structures --


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["structure"]
    readonly_fields = ["joined_at", "updated_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "show_in_directory"]
    list_filter = ["is_staff", "is_superuser", "is_active", "show_in_directory", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["groups", "user_permissions", "expertise"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "job_title", "phone"]}),
        ("Profil dans l'annuaire", {"fields": ["expertise", "show_in_directory"]}),
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
        ("Fermeture du compte", {"fields": ["closure_requested_at", "closed_at", "closed_by", "former_label"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline]
    readonly_fields = ["closed_at", "closed_by", "former_label", "closure_requested_at"]

    # « Supprimer » closes the account instead of cascading: what the person wrote stays for the network, signed
    # with their former-member label (members.services.accounts), and the confirmation page says so.
    def get_deleted_objects(self, objs, request):
        return [f"{obj} : compte fermé, ses écrits restent signés « ancien·ne membre »" for obj in objs], {}, set(), []

    def delete_model(self, request, obj):
        account_close(person=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for person in queryset:
            account_close(person=person, by=request.user)


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "territory", "commune", "label_status"]
    list_filter = ["type", "territory", "label_status"]
    search_fields = ["name", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["territory"]
    filter_horizontal = ["missions", "audiences"]
    formfield_overrides = HTTPS_URLS
    # The label status changes only through structure_change_label_status, which keeps the history row with its
    # reason and tells the referents; editing it here would do neither.
    readonly_fields = ["label_status", "profile_updated_at", "created_at"]

    def has_delete_permission(self, request, obj=None):
        # Deleting would cascade to its people, commitments, reviews and label history: a structure that leaves
        # the network is "withdrawn" (a label status, with its reason), never deleted.
        return False

    fieldsets = [
        (None, {"fields": ["name", "slug", "type", "territory", "commune"]}),
        (
            "Profil public",
            {
                "fields": [
                    *[name for name in Structure.PROFILE_FIELDS if name != "commune"],  # commune sits with the name
                    "missions",
                    "audiences",
                ]
            },
        ),
        (
            "Labellisation",
            {
                "fields": ["label_status"],
                "description": (
                    "Le statut de labellisation ne se modifie pas ici : les coordinateur·rices le changent depuis "
                    "la page de la structure, avec un motif écrit, conservé dans l'historique et envoyé par "
                    "e-mail aux référent·es."
                ),
            },
        ),
        ("Dates", {"fields": ["profile_updated_at", "created_at"]}),
    ]


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
    list_filter = ["is_regional", "territories"]
    search_fields = ["user__email", "user__last_name"]
    filter_horizontal = ["territories"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


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


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LabelStatusChange)
class LabelStatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Label changes are written by the coordinators' page, with their reason, never edited."""

    list_display = ["structure", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "structure__territory"]
    search_fields = ["structure__name", "reason"]
    list_select_related = ["structure", "changed_by"]


# -- charter --


def _is_published(version):
    return version is not None and version.is_published


class CommitmentItemInline(admin.TabularInline):
    model = CommitmentItem
    extra = 0

    # The items of a published version are as frozen as its text.
    def has_add_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_delete_permission(request, obj)


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    """A published version is never edited (a new version is drafted from it); publishing goes through the service."""

    list_display = ["title", "effective_date", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [CommitmentItemInline]
    readonly_fields = ["status", "created_by", "created_at", "published_at", "published_by"]
    actions = None  # bulk deletion would skip the check below on published versions

    def has_change_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_published(obj) and super().has_delete_permission(request, obj)


@admin.register(CommitmentItem)
class CommitmentItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "category", "version", "position"]
    list_filter = ["category", "version"]
    search_fields = ["code", "title"]
    list_select_related = ["version"]
    actions = None  # bulk deletion would skip the check below on published versions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = CharterVersion.objects.filter(status=CharterVersion.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.version.is_published) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.version.is_published) and super().has_delete_permission(request, obj)


@admin.register(CharterSignature)
class CharterSignatureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "version", "signed_by", "signed_at"]
    list_filter = ["version", "structure__territory"]
    search_fields = ["structure__name", "signed_by__email"]
    list_select_related = ["structure", "version", "signed_by"]


# -- commitments and their review --


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "due_on"]


class CommitmentInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Commitment
    extra = 0
    fields = ["item", "text", "review_status"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


@admin.register(CommitmentSet)
class CommitmentSetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Referents write their commitments on their page (which detects concurrent edits); the services start, submit
    and review the sets. Deleting a set would delete its submissions and reviews."""

    list_display = ["structure", "cycle", "status", "submitted_at", "updated_at"]
    list_filter = ["status", "cycle", "structure__territory"]
    search_fields = ["structure__name"]
    list_select_related = ["structure", "cycle"]
    inlines = [CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment_set", "item", "review_status"]
    list_filter = ["review_status", "commitment_set__cycle"]
    search_fields = ["commitment_set__structure__name", "item__code", "text"]
    list_select_related = ["commitment_set__structure", "commitment_set__cycle", "item"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Files are checked on upload and withdrawn (kept, marked) on the commitments page; submissions refer to them."""

    list_display = ["label", "commitment", "is_file", "added_by", "added_at", "removed_at"]
    list_filter = [("removed_at", admin.EmptyFieldListFilter)]
    formfield_overrides = HTTPS_URLS
    search_fields = ["label", "commitment__commitment_set__structure__name"]
    list_select_related = [
        "commitment__commitment_set__structure",
        "commitment__commitment_set__cycle",
        "commitment__item",
        "added_by",
    ]

    @admin.display(boolean=True, description="fichier")
    def is_file(self, obj):
        return obj.is_file


@admin.register(CommitmentSubmission)
class CommitmentSubmissionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment_set", "number", "submitted_by", "submitted_at"]
    list_filter = ["commitment_set__cycle", "commitment_set__structure__territory"]
    search_fields = ["commitment_set__structure__name"]
    list_select_related = ["commitment_set__structure", "commitment_set__cycle", "submitted_by"]
    fields = ["commitment_set", "number", "submitted_by", "submitted_at", "snapshot_display"]
    readonly_fields = fields

    @admin.display(description="contenu déposé")
    def snapshot_display(self, obj):
        return format_html_join(
            "",
            "<h4>{} — {}</h4>{}{}",
            (
                (
                    entry.get("code", ""),
                    entry.get("title", ""),
                    _paragraphs(entry.get("text", "")),
                    _evidence_list(entry.get("evidence") or []),
                )
                for entry in obj.snapshot
            ),
        )


def _paragraphs(text):
    return mark_safe(linebreaks(text, autoescape=True))  # autoescape=True escapes the structure's text


def _evidence_list(evidence):
    if not evidence:
        return ""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} ({})</li>",
            ((item.get("label", ""), item.get("url") or item.get("file_name") or "") for item in evidence),
        ),
    )


class CommitmentItemReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CommitmentItemReview
    extra = 0
    fields = ["item", "decision", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


@admin.register(CommitmentReview)
class CommitmentReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["submission", "decision", "reviewer", "decided_at"]
    list_filter = ["decision", "submission__commitment_set__cycle"]
    search_fields = ["submission__commitment_set__structure__name", "comment"]
    list_select_related = [
        "submission__commitment_set__structure",
        "submission__commitment_set__cycle",
        "reviewer",
    ]
    inlines = [CommitmentItemReviewInline]


@admin.register(CommitmentItemReview)
class CommitmentItemReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["review", "item", "decision"]
    list_filter = ["decision"]
    search_fields = ["review__submission__commitment_set__structure__name", "item__code", "reason"]
    list_select_related = [
        "review__submission__commitment_set__structure",
        "review__submission__commitment_set__cycle",
        "item",
    ]
