"""Sessions on shared computers: an idle timeout and an absolute lifetime, and a record of each login.

A person's session ends after `SESSION_IDLE_TIMEOUT` seconds without a request, and in any case
`SESSION_ABSOLUTE_LIFETIME` seconds after the login, whatever the activity. Each login leaves a `LoginSession` row (an
IP prefix and a browser summary only), so the person sees their open sessions and can end any of them.
"""

import ipaddress
import re
import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils import timezone

from .models import LoginSession

STARTED = "privacy_started"  # epoch seconds of the login
SEEN = "privacy_seen"  # epoch seconds of the last request that refreshed it
# The last-seen stamp is written at most once a minute, not on every request.
TOUCH_EVERY = 60

_BROWSERS = [  # order matters: Edge and Opera say "Chrome" too, Chrome says "Safari"
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_summary(user_agent):
    """« Firefox sur Windows »: what a person needs to recognise a device, nothing that fingerprints it."""
    user_agent = user_agent or ""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if re.search(re.escape(token), user_agent)), "")
    if browser and system:
        return f"{browser} sur {system}"
    return browser or system or "Navigateur inconnu"


def ip_prefix(address):
    """The network, not the machine: /24 for IPv4, /48 for IPv6 (« 192.0.2.0/24 »); empty if unreadable."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _moment(epoch):
    return datetime.fromtimestamp(epoch, tz=UTC)


def start(request, user):
    """Stamp the session and record the login (called on login, and for a session that predates the record)."""
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.create(
        user=user,
        session_key=request.session.session_key,
        started_at=_moment(now),
        last_seen_at=_moment(now),
        ip_prefix=ip_prefix(request.META.get("REMOTE_ADDR")),
        device=device_summary(request.META.get("HTTP_USER_AGENT", ""))[:80],
    )


def end_records(*, session_keys, reason):
    """Mark the records of these sessions as ended (those still open), with why."""
    return (
        LoginSession.objects.open()
        .filter(session_key__in=session_keys)
        .update(ended_at=timezone.now(), end_reason=reason)
    )


def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start(request, user)


def _on_logout(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        end_records(session_keys=[request.session.session_key], reason=LoginSession.EndReason.LOGOUT)


def connect_signals():
    user_logged_in.connect(_on_login, dispatch_uid="privacy-login-record")
    user_logged_out.connect(_on_logout, dispatch_uid="privacy-logout-record")


def expiry_reason(session, now):
    """Why this session must end now (an EndReason), or None while it is still valid."""
    seen = session.get(SEEN)
    started = session.get(STARTED)
    if seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT:
        return LoginSession.EndReason.IDLE
    if started is not None and now - started > settings.SESSION_ABSOLUTE_LIFETIME:
        return LoginSession.EndReason.LIFETIME
    return None


EXPIRED_MESSAGES = {
    LoginSession.EndReason.IDLE: "Votre session a été fermée après une période d'inactivité. Reconnectez-vous.",
    LoginSession.EndReason.LIFETIME: "Votre session a atteint sa durée maximale. Reconnectez-vous.",
}


class SessionTimeoutMiddleware:
    """Ends a logged-in session that has been idle too long or has lived too long (after AuthenticationMiddleware
    and MessageMiddleware; LoginRequiredMiddleware then sends the person to the login page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
        return self.get_response(request)

    def _check(self, request, user):
        session = request.session
        now = time.time()
        if session.get(STARTED) is None:
            start(request, user)  # a session opened before sessions were recorded
            return
        reason = expiry_reason(session, now)
        if reason is not None:
            end_records(session_keys=[session.session_key], reason=reason)
            logout(request)
            messages.info(request, EXPIRED_MESSAGES[reason])
            return
        if now - session[SEEN] > TOUCH_EVERY:
            session[SEEN] = now
            LoginSession.objects.filter(session_key=session.session_key).update(last_seen_at=_moment(now))
