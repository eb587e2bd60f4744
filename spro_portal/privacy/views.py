"""The person's sessions (« Mes sessions »), the « Mes données » export, and the public legal pages."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from spro_portal import composition
from spro_portal.dates import long_date
from spro_portal.downloads import attachment

from . import permissions, services
from .wording import days_label, duration_label


def _legal_context():
    return {
        "publisher": settings.LEGAL_PUBLISHER,
        "publisher_address": settings.LEGAL_PUBLISHER_ADDRESS,
        "publication_director": settings.LEGAL_PUBLICATION_DIRECTOR,
        "host": settings.LEGAL_HOST,
        "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
        "accessibility_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "accessibility_status": settings.ACCESSIBILITY_STATUS,
    }


@login_not_required
def personal_data_page(request):
    retention = [{"label": rule.label, "duration": days_label(rule.days)} for rule in composition.retention_rules()]
    return render(
        request,
        "privacy/personal_data.html",
        {
            **_legal_context(),
            "retention": retention,
            "idle_label": duration_label(settings.SESSION_IDLE_TIMEOUT),
            "lifetime_label": duration_label(settings.SESSION_ABSOLUTE_LIFETIME),
        },
    )


@login_not_required
def accessibility(request):
    written = long_date(date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_DATE))
    return render(request, "privacy/accessibility.html", {**_legal_context(), "statement_date": written})


@login_not_required
def legal_notice(request):
    return render(request, "privacy/legal_notice.html", _legal_context())


@login_not_required
def site_map(request):
    return render(request, "privacy/site_map.html", {"sections": composition.site_map()})


def sessions_list(request):
    current = request.session.session_key
    rows = [
        {"session": row, "is_current": row.session_key == current}
        for row in permissions.sessions_of(request.user).order_by("-last_seen_at")
    ]
    return render(
        request,
        "privacy/sessions.html",
        {
            "rows": rows,
            "idle_label": duration_label(settings.SESSION_IDLE_TIMEOUT),
            "lifetime_label": duration_label(settings.SESSION_ABSOLUTE_LIFETIME),
        },
    )


@require_POST
def session_end(request, pk):
    login_session = permissions.get_own_session(request.user, pk)
    is_current = login_session.session_key == request.session.session_key
    services.session_revoke(login_session=login_session)
    if is_current:
        logout(request)
        messages.success(request, "Vous êtes déconnecté·e de cet appareil.")
        return redirect("account_login")
    messages.success(request, f"La session « {login_session.device} » est fermée.")
    return redirect("privacy:sessions")


@require_POST
def sessions_end_all(request):
    count = services.sessions_revoke_all(user=request.user)
    logout(request)
    plural = "s" if count > 1 else ""
    messages.success(request, f"Vous êtes déconnecté·e de tous vos appareils ({count} session{plural} fermée{plural}).")
    return redirect("account_login")


def data_export(request):
    return render(
        request,
        "privacy/data_export.html",
        {
            "exports": permissions.exports_of(request.user)[:10],
            "kept_for": days_label(settings.RETENTION_DAYS["personal_data_exports"]),
        },
    )


@require_POST
def data_export_create(request):
    export = services.data_export_request(user=request.user)
    if export.is_ready:
        messages.success(request, "Votre archive est prête : téléchargez-la ci-dessous. Un e-mail vous le confirme.")
    else:
        messages.success(request, "Votre archive est en préparation. Vous recevrez un e-mail dès qu'elle sera prête.")
    return redirect("privacy:data_export")


def data_export_download(request, pk):
    export = permissions.get_own_export_for_download(request.user, pk)
    return attachment(
        export.file,
        filename=f"mes-donnees-spro-{timezone.localtime(export.ready_at):%Y-%m-%d}.zip",
        content_type="application/zip",
        missing="Le fichier de cette archive est introuvable.",
    )
