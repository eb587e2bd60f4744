from .charter import CharterSignature, CharterVersion, CommitmentItem
from .commitments import (
    Commitment,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Evidence,
    ReviewCycle,
)
from .invitations import Invitation, JoinRequest
from .network import (
    Audience,
    Coordinator,
    ExpertiseArea,
    LabelStatusChange,
    Membership,
    Mission,
    Structure,
    Territory,
)
from .users import User

__all__ = [
    "Audience",
    "CharterSignature",
    "CharterVersion",
    "Commitment",
    "CommitmentItem",
    "CommitmentItemReview",
    "CommitmentReview",
    "CommitmentSet",
    "CommitmentSubmission",
    "Coordinator",
    "Evidence",
    "ExpertiseArea",
    "Invitation",
    "JoinRequest",
    "LabelStatusChange",
    "Membership",
    "Mission",
    "ReviewCycle",
    "Structure",
    "Territory",
    "User",
]
