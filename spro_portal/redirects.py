"""Where to send a person back after a form: the `next` they came with, if it is a path on this site."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default):
    """The POST (or GET) `next` when it is a local path ("/…"), else `default` (a URL name or a path).

    Anything else falls back: another site, `javascript:`, and also a bare word such as "abc", which redirect()
    would otherwise take for a view name and fail on.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(default)
