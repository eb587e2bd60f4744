"""Render `emails/<name>-subject.txt`, `-body.txt` and `-body.html` into one multipart message."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send(name, to, context, *, headers=None):
    """`headers`: extra message headers (e.g. the digest's List-Unsubscribe)."""
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        **context,
    }
    subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=text,
        to=[to] if isinstance(to, str) else list(to),
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    message.send()
