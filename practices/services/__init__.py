"""Writes with consequences in the community of practice, one module per subject."""


class ServiceError(Exception):
    """A rule of the forum refused the action; the message is shown to the person as is."""
