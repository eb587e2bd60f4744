"""Planning a digest period and sending each person's digest exactly once.

The delivery row is the lock: `plan_period` records one row per eligible person (unique per period), `send_one`
claims a row with a single conditional UPDATE (pending → claimed), so two workers handed the same row send one
e-mail. A row still `claimed` after DIGEST_CLAIM_TIMEOUT belongs to a worker that died mid-send: the e-mail may or
may not have left, so it is flagged `uncertain` for a person to look at, never silently resent.
"""

import smtplib
from dataclasses import dataclass, replace
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone

from spro_portal import composition, emails

from . import periods, tokens
from .models import DigestDelivery, Frequency

Status = DigestDelivery.Status
# What a failing SMTP server raises: the message was not accepted, so the row goes back to pending for a retry.
SMTP_ERRORS = (smtplib.SMTPException, OSError)

SENT, EMPTY, SKIPPED = "sent", "empty", "skipped"


def eligible_people(period):
    """Active people with a verified e-mail address whose chosen frequency is the period's."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True)
    people = get_user_model().objects.filter(is_active=True).filter(Exists(verified))
    if period.frequency == Frequency.MONTHLY:
        return people.exclude(email_preference__digest__in=[Frequency.WEEKLY, Frequency.NEVER])
    return people.filter(email_preference__digest=Frequency.WEEKLY)


def flag_stale_claims(period_key=None):
    """Rows claimed longer ago than the timeout → uncertain. Returns how many were flagged."""
    stale = DigestDelivery.objects.filter(
        status=Status.CLAIMED, claimed_at__lt=timezone.now() - timedelta(seconds=settings.DIGEST_CLAIM_TIMEOUT)
    )
    if period_key:
        stale = stale.filter(period=period_key)
    return stale.update(
        status=Status.UNCERTAIN, error="Envoi interrompu (processus arrêté pendant l'envoi) : à vérifier."
    )


def plan_period(period, *, user_ids=None):
    """Record the period's delivery rows (idempotent) and return the ids of those still to send, in chunks.

    Running it again, during or after a run, creates nothing new and resumes: stale claims are flagged and the
    pending rows are handed out again (a row handed out twice is still sent once, thanks to the claim)."""
    flag_stale_claims(period.key)
    people = eligible_people(period)
    if user_ids is not None:
        people = people.filter(pk__in=user_ids)
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    batch = settings.DIGEST_CHUNK_SIZE
    for start in range(0, len(ids), batch):
        DigestDelivery.objects.bulk_create(
            [DigestDelivery(user_id=user_id, period=period.key) for user_id in ids[start : start + batch]],
            ignore_conflicts=True,
        )
    return pending_chunks(period.key, user_ids=user_ids)


def pending_chunks(period_key, *, user_ids=None):
    """The ids of the period's rows still to send, in chunks of DIGEST_CHUNK_SIZE."""
    pending = DigestDelivery.objects.filter(period=period_key, status=Status.PENDING)
    if user_ids is not None:
        pending = pending.filter(user_id__in=user_ids)
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    batch = settings.DIGEST_CHUNK_SIZE
    return [ids[start : start + batch] for start in range(0, len(ids), batch)]


@dataclass(frozen=True)
class Digest:
    person: object
    period: periods.Period
    sections: list  # composition.DigestSection, already with absolute links

    @property
    def is_empty(self):
        return not self.sections


def absolute(url):
    return settings.SITE_URL + url if url.startswith("/") else url


def build(person, period):
    """The person's digest: every app's section for them, links made absolute."""
    sections = [
        replace(section, items=tuple(replace(item, url=absolute(item.url)) for item in section.items))
        for section in composition.digest_sections(person, period)
    ]
    return Digest(person=person, period=period, sections=sections)


def greeting_name(person):
    return person.first_name or person.get_full_name() or ""


def email_context(digest):
    token = tokens.make(digest.person)
    return {
        "digest": digest,
        "person": digest.person,
        "name": greeting_name(digest.person),
        "period": digest.period,
        "sections": digest.sections,
        "browser_url": absolute(reverse("digest:browser", args=[digest.period.key])),
        "preferences_url": absolute(reverse("digest:preferences")),
        "unsubscribe_url": absolute(reverse("digest:unsubscribe", args=[token])),
    }


def send_digest_email(digest):
    context = email_context(digest)
    emails.send(
        "digest",
        digest.person.email,
        context,
        headers={
            # RFC 8058: mail clients offer one-click unsubscribe, POSTing this body to the HTTPS link.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def claim(delivery_id):
    """Take the row from pending to claimed; True for exactly one caller."""
    return bool(
        DigestDelivery.objects.filter(pk=delivery_id, status=Status.PENDING).update(
            status=Status.CLAIMED, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def _finish(delivery_id, status, **fields):
    DigestDelivery.objects.filter(pk=delivery_id, status=Status.CLAIMED).update(status=status, **fields)


def send_one(delivery_id):
    """Claim, build, send, mark. Returns SENT, EMPTY, or SKIPPED (someone else has it or it is done)."""
    if not claim(delivery_id):
        return SKIPPED
    delivery = DigestDelivery.objects.select_related("user").get(pk=delivery_id)
    try:
        digest = build(delivery.user, periods.parse(delivery.period))
        if digest.is_empty:
            _finish(delivery_id, Status.EMPTY, error="")
            return EMPTY
        send_digest_email(digest)
    except SMTP_ERRORS as error:
        # The server did not take the message: give the row back, the task retries it with a backoff.
        _finish(delivery_id, Status.PENDING, error=f"{type(error).__name__}: {error}"[:1000])
        raise
    except Exception as error:
        _finish(delivery_id, Status.FAILED, error=f"{type(error).__name__}: {error}"[:1000])
        raise
    _finish(delivery_id, Status.SENT, sent_at=timezone.now(), error="")
    return SENT


def mark_failed(delivery_id, error):
    """After the last retry: the row stays visible as failed, with the reason."""
    DigestDelivery.objects.filter(pk=delivery_id, status=Status.PENDING).update(
        status=Status.FAILED, error=f"{type(error).__name__}: {error}"[:1000]
    )


def counts(period_key):
    """{status: count} of the period's rows."""
    rows = DigestDelivery.objects.filter(period=period_key).values("status").order_by()
    return dict(rows.annotate(n=Count("pk")).values_list("status", "n"))


def open_periods():
    """Periods that still have rows to send (what a resume hands out again)."""
    return list(
        DigestDelivery.objects.filter(status=Status.PENDING).values_list("period", flat=True).distinct().order_by()
    )
