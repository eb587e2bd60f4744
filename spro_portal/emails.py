"""Render `emails/<name>-subject.txt`, `-body.txt` and `-body.html` into one multipart message."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template


class Renderer:
    """One kind of e-mail: its three templates looked up once, then rendered for as many messages as needed (the
    digest renders a whole chunk with one)."""

    def __init__(self, name):
        self.subject = get_template(f"emails/{name}-subject.txt")
        self.text = get_template(f"emails/{name}-body.txt")
        self.html = get_template(f"emails/{name}-body.html")

    def message(self, to, context, *, headers=None, connection=None):
        """`headers`: extra message headers (e.g. the digest's List-Unsubscribe)."""
        context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **context}
        subject = self.subject.render(context).strip()
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body=self.text.render(context),
            to=[to] if isinstance(to, str) else list(to),
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(self.html.render(context), "text/html")
        return message


def send(name, to, context, *, headers=None):
    Renderer(name).message(to, context, headers=headers).send()
