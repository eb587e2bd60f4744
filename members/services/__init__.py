"""Writes with consequences in the members app, one module per subject."""


class ServiceError(Exception):
    """A rule of the network refused the action; the message is shown to the person as is."""
