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
]
