from .forum import (
    BODY_MAX_LENGTH,
    TAGS_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    Post,
    PostRevision,
    Reaction,
    Topic,
    TopicReadState,
)
from .groups import GroupJoinRequest, GroupMembership, WorkingGroup
from .moderation import ModerationAction, Report
from .notifications import Notification, Subscription
from .resources import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility

__all__ = [
    "BODY_MAX_LENGTH",
    "TAGS_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "Category",
    "GroupJoinRequest",
    "GroupMembership",
    "ModerationAction",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "Report",
    "Subscription",
    "Topic",
    "TopicReadState",
    "WorkingGroup",
    # resources
    "Kind",
    "Licence",
    "Resource",
    "ResourceVersion",
    "ReuseStory",
    "Visibility",
]
