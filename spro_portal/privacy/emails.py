"""One function per e-mail kind of spro_portal.privacy."""

from django.conf import settings
from django.urls import reverse

from spro_portal import emails

from .wording import days_label


def send_data_export_ready(export):
    """The person's archive is ready: a link to « Mes données » (the download checks who asks), never the file."""
    emails.send(
        "data-export-ready",
        export.user.email,
        {
            "person": export.user,
            "url": reverse("privacy:data_export"),
            "kept_for": days_label(settings.RETENTION_DAYS["personal_data_exports"]),
        },
    )
