"""Planning and sending a period: one row per person, each claimed once, resumed after a crash, nothing twice."""

import datetime
import smtplib
import threading
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import connection
from django.utils import timezone

from spro_portal import composition
from spro_portal.composition import AppOffer, DigestCount, DigestItem, DigestSection
from spro_portal.digest import periods, services, tasks
from spro_portal.digest.models import DigestDelivery, Frequency, Preference
from tests.factories import UserFactory

Status = DigestDelivery.Status
pytestmark = pytest.mark.django_db


def run(period):
    for chunk in services.plan_period(period):
        for delivery_id in chunk:
            services.send_one(delivery_id)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_planning_twice_records_one_row_per_person_and_period(digest_network, period):
    services.plan_period(period)
    services.plan_period(period)
    rows = DigestDelivery.objects.filter(period=period.key)
    assert rows.count() == 7  # the seven personas with a verified e-mail address
    assert rows.values("user").distinct().count() == 7


def test_eligibility_follows_activity_verified_address_and_frequency(digest_network, period):
    UserFactory(email="inactive@exemple.fr", is_active=False)
    UserFactory(email="non-verifiee@exemple.fr", verified_email=False)
    Preference.objects.create(user=digest_network.adviser, digest=Frequency.NEVER)
    Preference.objects.create(user=digest_network.other_adviser, digest=Frequency.WEEKLY)
    monthly = set(services.eligible_people(period).values_list("email", flat=True))
    weekly = set(services.eligible_people(periods.week(2026, 48)).values_list("email", flat=True))
    assert "inactive@exemple.fr" not in monthly and "non-verifiee@exemple.fr" not in monthly
    assert digest_network.adviser.email not in monthly | weekly
    assert weekly == {digest_network.other_adviser.email}
    assert digest_network.referent.email in monthly


def test_a_run_sends_the_non_empty_digests_and_records_the_empty_ones(with_content, period):
    run(period)
    assert recipients() == sorted(person.email for person in with_content)
    assert services.counts(period.key) == {Status.SENT: 4, Status.EMPTY: 3}


def test_running_the_same_period_again_sends_nothing(with_content, period):
    run(period)
    mail.outbox.clear()
    run(period)
    assert mail.outbox == []


def test_a_row_is_claimed_once_so_two_sends_of_it_give_one_email(digest_network, period):
    [[first, *_]] = services.plan_period(period)
    DigestDelivery.objects.filter(pk=first).update(user=digest_network.referent)
    assert [services.send_one(first), services.send_one(first)] == [services.SENT, services.SKIPPED]
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_rows_send_each_email_once(digest_network, period):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # The in-memory test database's shared cache locks whole tables and ignores the busy timeout.
        pytest.skip("Deux connexions en parallèle sur la base SQLite en mémoire : la CI le teste sur PostgreSQL.")
    [chunk] = services.plan_period(period)
    outcomes = []
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            outcomes.extend(services.send_one(delivery_id) for delivery_id in chunk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes.count(services.SKIPPED) == len(chunk)
    assert len(mail.outbox) == 4
    assert len(set(recipients())) == 4


def test_resume_after_a_crash_flags_the_message_in_flight_and_sends_the_rest_once(with_content, period):
    [chunk] = services.plan_period(period)
    sent_before_crash, in_flight, reserved = chunk[0], chunk[1], chunk[2]
    services.send_one(sent_before_crash)
    # The worker died while the SMTP server had `in_flight`, with `reserved` claimed in its chunk, an hour ago.
    an_hour_ago = timezone.now() - timedelta(hours=1)
    DigestDelivery.objects.filter(pk=in_flight).update(status=Status.SENDING, claimed_at=an_hour_ago)
    DigestDelivery.objects.filter(pk=reserved).update(status=Status.CLAIMED, claimed_at=an_hour_ago)
    before = list(mail.outbox)
    run(period)  # the resume: the same planning, again
    flagged = DigestDelivery.objects.get(pk=in_flight)
    assert flagged.status == Status.UNCERTAIN and "interrompu" in flagged.error
    # The reserved row never reached the server: it is sent now, not flagged.
    assert DigestDelivery.objects.get(pk=reserved).status in {Status.SENT, Status.EMPTY}
    assert DigestDelivery.objects.filter(period=period.key, status=Status.UNCERTAIN).count() == 1
    assert DigestDelivery.objects.filter(period=period.key, status=Status.PENDING).count() == 0
    sent = [address for message in mail.outbox for address in message.to]
    assert len(sent) == len(set(sent)), "personne ne reçoit deux fois"
    assert flagged.user.email not in [a for m in mail.outbox[len(before) :] for a in m.to]
    assert set(sent) | {flagged.user.email} >= {person.email for person in with_content}


def test_each_message_is_marked_sent_as_soon_as_the_server_took_it(with_content, period, monkeypatch):
    """Seen from inside the SMTP exchange: the row being sent is `sending`, those before it already `sent`."""
    from django.core.mail.backends import locmem

    [chunk] = services.plan_period(period)
    seen = []
    original = locmem.EmailBackend.send_messages

    def send_messages(self, messages):
        statuses = dict(DigestDelivery.objects.filter(pk__in=chunk).values_list("pk", "status"))
        seen.append(sorted(statuses.values()).count(Status.SENDING))
        return original(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    services.send_chunk(chunk)
    assert seen and all(count == 1 for count in seen)
    assert not DigestDelivery.objects.filter(pk__in=chunk, status__in=[Status.CLAIMED, Status.SENDING]).exists()


def test_a_recent_claim_is_left_alone_by_a_resume(digest_network, period):
    [chunk] = services.plan_period(period)
    DigestDelivery.objects.filter(pk=chunk[0]).update(status=Status.CLAIMED, claimed_at=timezone.now())
    services.plan_period(period)
    assert DigestDelivery.objects.get(pk=chunk[0]).status == Status.CLAIMED


def refuse_after(monkeypatch, accepted):
    """The in-memory backend takes `accepted` messages, then the server goes away."""
    from django.core.mail.backends import locmem

    original = locmem.EmailBackend.send_messages

    def send_messages(self, messages):
        if len(mail.outbox) >= accepted:
            raise smtplib.SMTPServerDisconnected("connexion perdue")
        return original(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)


def test_an_smtp_error_gives_the_row_back_and_the_last_retry_marks_it_failed(digest_network, period, monkeypatch):
    refuse_after(monkeypatch, 0)
    [chunk] = services.plan_period(period)
    referent_row = DigestDelivery.objects.get(period=period.key, user=digest_network.referent)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_one(referent_row.pk)
    referent_row.refresh_from_db()
    assert referent_row.status == Status.PENDING and "connexion perdue" in referent_row.error
    with pytest.raises(Retry):  # the task asks Celery to try again later
        tasks.send_digest.apply(args=[referent_row.pk], throw=True)
    assert tasks.send_digest.apply(args=[referent_row.pk], retries=tasks.SEND_RETRIES).get() == "failed"
    referent_row.refresh_from_db()
    assert referent_row.status == Status.FAILED and referent_row.attempts == 3


def test_an_smtp_error_mid_chunk_keeps_the_sent_and_retries_only_the_others(with_content, period, monkeypatch):
    refuse_after(monkeypatch, 2)
    [chunk] = services.plan_period(period)
    with pytest.raises(Retry):
        tasks.send_chunk.apply(args=[chunk], throw=True)
    statuses = services.counts(period.key)
    assert statuses == {Status.SENT: 2, Status.PENDING: 2, Status.EMPTY: 3}
    monkeypatch.undo()
    tasks.send_chunk.apply(args=[chunk], throw=True)  # the retry
    assert services.counts(period.key) == {Status.SENT: 4, Status.EMPTY: 3}
    assert recipients() == sorted(person.email for person in with_content)


def test_the_tasks_plan_and_send_a_period(with_content, period):
    tasks.plan_period_task.delay(period.key)
    assert recipients() == sorted(person.email for person in with_content)


def test_beat_plans_the_month_that_has_just_ended(with_content):
    expected = periods.previous(Frequency.MONTHLY, timezone.localdate()).key
    tasks.plan_digests.delay("monthly")
    assert DigestDelivery.objects.filter(period=expected).count() == 7


def test_the_beat_schedule_runs_monthly_and_weekly_at_seven(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    monthly, weekly = schedule["digest-monthly"]["schedule"], schedule["digest-weekly"]["schedule"]
    assert (monthly.hour, monthly.minute, monthly.day_of_month) == ({7}, {0}, {1})
    assert (weekly.hour, weekly.minute, weekly.day_of_week) == ({7}, {0}, {1})
    assert settings.CELERY_TIMEZONE == "Europe/Paris"


def test_the_send_task_is_acks_late_and_rejected_on_worker_loss():
    for task in (tasks.send_digest, tasks.send_chunk, tasks.plan_period_task):
        assert task.acks_late and task.reject_on_worker_lost


def test_previous_periods():
    assert periods.previous(Frequency.MONTHLY, datetime.date(2026, 12, 1)).key == "2026-11"
    assert periods.previous(Frequency.MONTHLY, datetime.date(2026, 1, 1)).key == "2025-12"
    assert periods.previous(Frequency.WEEKLY, datetime.date(2026, 11, 30)).key == "2026-W48"
    assert periods.parse("2026-11").label == "novembre 2026"
    assert periods.parse("2026-w48").first_day == datetime.date(2026, 11, 23)


@pytest.mark.parametrize("key", ["2026-13", "2026-1", "novembre", "", "2026-W54", "9999999-01"])
def test_a_bad_period_is_refused_in_french(key):
    with pytest.raises(periods.PeriodError, match="Période invalide"):
        periods.parse(key)


class FakeForumOffer(AppOffer):
    order = 20

    def digest_section(self, person, period):
        return DigestSection(
            "Forum",
            items=(DigestItem(f"Nouveau sujet pour {person.first_name}", "/forum/sujets/1/", "Lire le sujet"),),
            counts=(DigestCount(3, "questions sans réponse"),),
        )


class SilentOffer(AppOffer):
    def digest_section(self, person, period):
        return DigestSection("Rien", items=())


@pytest.fixture
def fake_forum(monkeypatch):
    monkeypatch.setattr(composition, "_offers", [*composition._offers, FakeForumOffer(), SilentOffer()])
    composition._offers.sort(key=lambda offer: offer.order)


def test_another_app_plugs_its_section_in_through_the_composition(fake_forum, digest_network, period, settings):
    settings.SITE_URL = "https://portail.exemple.fr"
    run(period)
    assert len(mail.outbox) == 7  # everyone now has something: the forum's section
    adviser_mail = next(m for m in mail.outbox if m.to == [digest_network.adviser.email])
    assert "Forum" in adviser_mail.body and "3 questions sans réponse" in adviser_mail.body
    assert "Lire le sujet : https://portail.exemple.fr/forum/sujets/1/" in adviser_mail.body
    referent_mail = next(m for m in mail.outbox if m.to == [digest_network.referent.email])
    assert referent_mail.body.index("Charte et engagements") < referent_mail.body.index("Forum")
    assert "== Rien ==" not in referent_mail.body  # an empty section is left out


def test_sending_a_chunk_claims_builds_and_marks_it_in_bulk(with_content, period):
    [chunk] = services.plan_period(period)
    outcomes = services.send_chunk(chunk)
    assert sorted(outcomes.values()) == [services.EMPTY] * 3 + [services.SENT] * 4
    assert services.send_chunk(chunk) == dict.fromkeys(chunk, services.SKIPPED)
    assert len(mail.outbox) == 4
