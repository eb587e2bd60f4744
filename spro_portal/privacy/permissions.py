"""Who may see and end a session, and read or download a personal-data export: only the person it belongs to."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import DataExport, LoginSession


def sessions_of(user):
    """The sessions a person may see and end: their own, still active."""
    return LoginSession.objects.active().filter(user=user)


def get_own_session(user, pk):
    """The person's own open session, or 404 (another person's session is "not found", never "forbidden")."""
    return get_object_or_404(sessions_of(user), pk=pk)


def exports_of(user):
    """The « Mes données » archives a person sees: their own, and nobody else's."""
    return DataExport.objects.filter(user=user)


def get_own_export_for_download(user, pk):
    """The person's own ready archive; anyone else's, or one not ready, does not exist for them (404)."""
    export = get_object_or_404(exports_of(user), pk=pk)
    if not export.is_ready:
        raise Http404("Cette archive n'est pas prête.")
    return export
