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
from .resources import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility

__all__ = [
    "BODY_MAX_LENGTH",
    "TAGS_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "Category",
    "GroupJoinRequest",
    "GroupMembership",
    "Post",
    "PostRevision",
    "Reaction",
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
