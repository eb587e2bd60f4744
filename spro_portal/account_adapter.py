"""allauth's e-mails link to SITE_URL, like the portal's own (spro_portal.emails).

allauth builds its links from the request's Host header; behind a proxy or on another port that host is not the
address people open, and a forged Host header would put someone else's server in a password-reset link.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

LINKS = ("activate_url", "password_reset_url", "signup_url")  # the absolute URLs allauth puts in its e-mails


def on_site(url):
    """The same path, query and fragment, under SITE_URL."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        site = SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        context = {**context, "current_site": site}
        for name in LINKS:
            if context.get(name):
                context[name] = on_site(context[name])
        super().send_mail(template_prefix, email, context)
