"""Who may see and end a session, and read or download a personal-data export: only the person it belongs to."""

from django.shortcuts import get_object_or_404

from .models import LoginSession


def sessions_of(user):
    """The sessions a person may see and end: their own, still active."""
    return LoginSession.objects.active().filter(user=user)


def get_own_session(user, pk):
    """The person's own open session, or 404 (another person's session is "not found", never "forbidden")."""
    return get_object_or_404(sessions_of(user), pk=pk)
