"""The person's sessions (« Mes sessions »), the « Mes données » export, and the public legal pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import permissions, services
from .wording import duration_label


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
