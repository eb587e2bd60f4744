from .invitations import Invitation, JoinRequest
from .network import Coordinator, Membership, Structure, Territory
from .users import User

__all__ = [
    "Coordinator",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Structure",
    "Territory",
    "User",
]
