"""Planning a digest period and sending each person's digest exactly once.

The delivery row is the lock: `plan_period` records one row per eligible person (unique per period), `send_chunk`
claims a chunk's pending rows (locked rows skipped, then one conditional UPDATE pending → claimed), so two workers
handed the same rows send each e-mail once. The chunk's digests are built together (each app reads the whole chunk
in a fixed number of queries); then each message goes claimed → sending just before the SMTP server gets it and
sending → sent once it took it. A worker that dies leaves its rows behind: `claimed` ones never left and go back to
pending; the one `sending` row may or may not have left, so it is flagged `uncertain` for a person to look at,
never silently resent.
"""

import smtplib
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
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
    """Rows a worker left longer ago than the timeout: `claimed` back to pending (nothing was sent), `sending` →
    uncertain. Returns how many were flagged uncertain."""
    stale = DigestDelivery.objects.filter(
        claimed_at__lt=timezone.now() - timedelta(seconds=settings.DIGEST_CLAIM_TIMEOUT)
    )
    if period_key:
        stale = stale.filter(period=period_key)
    stale.filter(status=Status.CLAIMED).update(status=Status.PENDING)
    return stale.filter(status=Status.SENDING).update(
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


def _absolute_links(section):
    return replace(section, items=tuple(replace(item, url=absolute(item.url)) for item in section.items))


def build_many(people, period):
    """`{person.pk: Digest}` for a chunk of people: every app reads the whole chunk at once, links made absolute."""
    found = composition.digest_sections_of(people, period)
    return {
        person.pk: Digest(person=person, period=period, sections=[_absolute_links(s) for s in found[person.pk]])
        for person in people
    }


def build(person, period):
    """The person's digest: every app's section for them, links made absolute."""
    return build_many([person], period)[person.pk]


def greeting_name(person):
    return person.first_name or person.get_full_name() or ""


class Links:
    """The links every digest of a period shares, reversed once; only the unsubscribe token is each person's."""

    def __init__(self, period):
        self.browser = absolute(reverse("digest:browser", args=[period.key]))
        self.preferences = absolute(reverse("digest:preferences"))
        self.unsubscribe = absolute(reverse("digest:unsubscribe", args=["TOKEN"]))

    def unsubscribe_for(self, person):
        return self.unsubscribe.replace("TOKEN", tokens.make(person))


def email_context(digest, links=None):
    links = links or Links(digest.period)
    return {
        "digest": digest,
        "person": digest.person,
        "name": greeting_name(digest.person),
        "period": digest.period,
        "sections": digest.sections,
        "browser_url": links.browser,
        "preferences_url": links.preferences,
        "unsubscribe_url": links.unsubscribe_for(digest.person),
    }


def digest_message(digest, *, renderer=None, links=None, connection=None):
    context = email_context(digest, links)
    renderer = renderer or emails.Renderer("digest")
    return renderer.message(
        digest.person.email,
        context,
        headers={
            # RFC 8058: mail clients offer one-click unsubscribe, POSTing this body to the HTTPS link.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection,
    )


def send_digest_email(digest):
    digest_message(digest).send()


def claim_many(delivery_ids):
    """Take the pending rows among `delivery_ids` to claimed; returns the ids this caller claimed, which no other
    caller gets (rows locked by a concurrent claim are skipped, on PostgreSQL; SQLite serialises the writers)."""
    with transaction.atomic():
        ids = list(
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, status=Status.PENDING)
            .values_list("pk", flat=True)
        )
        if ids:
            DigestDelivery.objects.filter(pk__in=ids, status=Status.PENDING).update(
                status=Status.CLAIMED, claimed_at=timezone.now(), attempts=F("attempts") + 1
            )
    return ids


def claim(delivery_id):
    """Take the row from pending to claimed; True for exactly one caller."""
    return bool(claim_many([delivery_id]))


def _finish(delivery_ids, status, **fields):
    if delivery_ids:
        DigestDelivery.objects.filter(pk__in=delivery_ids, status=Status.CLAIMED).update(status=status, **fields)


@contextmanager
def _marks_not_waiting_for_the_disk():
    """Two marks per message, each its own commit: on PostgreSQL they skip the wait for the disk (asynchronous
    commit), or the run would spend its time in fsync. They are still visible at once to every other worker, so a
    killed worker loses nothing; only a crash of the database server itself may lose the last ~0.6 s of marks."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _send_marked(pk, message):
    """One message, its row marked on each side of the SMTP exchange: a kill in between leaves it `sending`."""
    DigestDelivery.objects.filter(pk=pk, status=Status.CLAIMED).update(status=Status.SENDING, claimed_at=timezone.now())
    try:
        message.send()
    except SMTP_ERRORS:
        # Refused by the server, so not sent: back to claimed, which the caller gives back to pending.
        DigestDelivery.objects.filter(pk=pk, status=Status.SENDING).update(status=Status.CLAIMED)
        raise
    DigestDelivery.objects.filter(pk=pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), error=""
    )


def _reason(error):
    return f"{type(error).__name__}: {error}"[:1000]


def send_chunk(delivery_ids):
    """Claim a chunk's rows, build their digests together (a fixed number of queries whatever the chunk's size),
    send the non-empty ones over one SMTP connection, each marked as it goes (two small UPDATEs per message).
    `{delivery id: SENT, EMPTY or SKIPPED}`.

    A worker killed during the chunk leaves at most the message in flight uncertain. An SMTP error gives the rows
    not yet sent back to pending (the task retries them)."""
    claimed = claim_many(delivery_ids)
    outcomes = dict.fromkeys(delivery_ids, SKIPPED)
    if not claimed:
        return outcomes
    deliveries = list(DigestDelivery.objects.filter(pk__in=claimed).select_related("user").order_by("pk"))
    sent, empty, pending = [], [], [delivery.pk for delivery in deliveries]
    try:
        by_period = {}
        for delivery in deliveries:
            by_period.setdefault(delivery.period, []).append(delivery)
        messages = []
        for key, rows in by_period.items():
            period = periods.parse(key)
            digests = build_many([row.user for row in rows], period)
            renderer, links = emails.Renderer("digest"), Links(period)
            for row in rows:
                digest = digests[row.user_id]
                if digest.is_empty:
                    empty.append(row.pk)
                else:
                    messages.append((row.pk, digest_message(digest, renderer=renderer, links=links)))
        pending = [pk for pk, _ in messages]
        _finish(empty, Status.EMPTY, error="")
        if messages:
            with mail.get_connection() as smtp, _marks_not_waiting_for_the_disk():
                for pk, message in messages:
                    message.connection = smtp
                    _send_marked(pk, message)
                    sent.append(pk)
                    pending.remove(pk)
    except SMTP_ERRORS as error:
        # The server did not take these messages: give their rows back, the task retries them with a backoff.
        _finish(pending, Status.PENDING, error=_reason(error))
        raise
    except Exception as error:
        _finish(pending, Status.FAILED, error=_reason(error))
        raise
    outcomes.update(dict.fromkeys(empty, EMPTY))
    outcomes.update(dict.fromkeys(sent, SENT))
    return outcomes


def send_one(delivery_id):
    """Claim, build, send, mark one row. Returns SENT, EMPTY, or SKIPPED (someone else has it or it is done)."""
    return send_chunk([delivery_id])[delivery_id]


def mark_failed(delivery_ids, error):
    """After the last retry: the rows still pending stay visible as failed, with the reason."""
    if isinstance(delivery_ids, int):
        delivery_ids = [delivery_ids]
    DigestDelivery.objects.filter(pk__in=delivery_ids, status=Status.PENDING).update(
        status=Status.FAILED, error=_reason(error)
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
