"""Writes on a person's sessions: end one of them, or all of them at once."""

from importlib import import_module

from django.conf import settings
from django.db import transaction

from .models import LoginSession
from .sessions import end_records


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@transaction.atomic
def session_revoke(*, login_session, reason=LoginSession.EndReason.REVOKED):
    """End one recorded session: the device it was opened on is logged out at its next request."""
    _session_store()().delete(login_session.session_key)
    end_records(session_keys=[login_session.session_key], reason=reason)


@transaction.atomic
def sessions_revoke_all(*, user, reason=LoginSession.EndReason.REVOKED):
    """End every open session of `user`, on every device (the current one included). Returns how many."""
    keys = list(LoginSession.objects.open().filter(user=user).values_list("session_key", flat=True))
    store = _session_store()()
    for key in keys:
        store.delete(key)
    end_records(session_keys=keys, reason=reason)
    return len(keys)
