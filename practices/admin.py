"""The technical team's admin for the forum. Posts, counters and history are written by the services (rendered
HTML, revisions, counters): the admin shows them read-only and never deletes them."""

from django.contrib import admin

from spro_portal.read_only_admin import ReadOnlyAdmin

from .models import (
    Category,
    GroupJoinRequest,
    GroupMembership,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Report,
    Subscription,
    Topic,
    TopicReadState,
    WorkingGroup,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position", "topic_count", "post_count", "last_activity_at"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["title", "category", "working_group", "post_count", "last_activity_at"]
    list_filter = ["category", "is_confidential"]
    search_fields = ["title", "tags"]
    raw_id_fields = ["author", "author_structure", "solution", "last_post"]


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["topic", "number", "author", "created_at", "is_hidden"]
    search_fields = ["body", "topic__title"]
    raw_id_fields = ["topic", "author", "author_structure", "reply_to"]


@admin.register(PostRevision)
class PostRevisionAdmin(ReadOnlyAdmin):
    list_display = ["post", "replaced_at", "replaced_by"]
    search_fields = ["body"]


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyAdmin):
    list_display = ["post", "user", "created_at"]
    search_fields = ["user__email"]


@admin.register(TopicReadState)
class TopicReadStateAdmin(ReadOnlyAdmin):
    list_display = ["user", "topic", "last_read_number", "updated_at"]
    search_fields = ["user__email"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "is_closed", "member_count", "created_at"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["created_by"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    list_display = ["group", "user", "joined_at"]
    search_fields = ["user__email", "group__name"]


@admin.register(GroupJoinRequest)
class GroupJoinRequestAdmin(ReadOnlyAdmin):
    list_display = ["group", "user", "status", "created_at"]
    search_fields = ["user__email", "group__name"]


# --- resources (written by the services: counters, versions and rendered summaries) -------------------------------

from django.db import models  # noqa: E402

from .models import Resource, ResourceVersion, ReuseStory  # noqa: E402


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "kind", "licence", "visibility", "author_structure", "download_count", "reuse_count"]
    list_filter = ["kind", "licence", "visibility"]
    search_fields = ["title", "tags"]


@admin.register(ResourceVersion)
class ResourceVersionAdmin(ReadOnlyAdmin):
    list_display = ["resource", "number", "original_name", "size", "added_at"]
    search_fields = ["resource__title", "original_name"]


@admin.register(ReuseStory)
class ReuseStoryAdmin(ReadOnlyAdmin):
    list_display = ["resource", "structure", "author", "created_at"]
    search_fields = ["resource__title", "context"]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["user", "category", "topic", "working_group", "level"]
    search_fields = ["user__email"]
    raw_id_fields = ["user", "topic"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["recipient", "kind", "topic", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email"]
    raw_id_fields = ["recipient", "topic", "post", "actor"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["post", "reporter", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["post", "reporter", "closed_by"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "topic", "moderator", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["topic", "post", "moderator"]
