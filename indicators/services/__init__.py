"""Writes with consequences in the indicators app, one module per subject."""

from members.services import ServiceError

__all__ = ["ServiceError"]
