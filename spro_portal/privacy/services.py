"""Writes on a person's sessions (end one, or all at once) and their « Mes données » archives."""

from importlib import import_module

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import emails, exports, tasks
from .models import DataExport, LoginSession
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


def data_export_request(*, user):
    """Ask for a new « Mes données » archive; it is built by a task after commit, and the person told by e-mail.
    An archive already in preparation is returned instead of starting a second one."""
    with transaction.atomic():
        pending = DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).first()
        if pending is not None:
            return pending
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: tasks.build_data_export.delay(export.pk))
    export.refresh_from_db()  # a small archive is built at once (eager tasks, or a quick worker)
    return export


def data_export_build(*, export):
    """Build the archive of the export's person, store it, and e-mail them the link to the checked download."""
    content = exports.build_archive(export.user)
    with transaction.atomic():
        export.file.save("archive.zip", ContentFile(content), save=False)
        export.status = DataExport.Status.READY
        export.ready_at = timezone.now()
        export.size = len(content)
        export.save(update_fields=["file", "status", "ready_at", "size"])
        transaction.on_commit(lambda: emails.send_data_export_ready(export))
    return export
