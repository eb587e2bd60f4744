"""Retention: each kind of personal data is purged once past its own limit, and only then."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from members.models import Invitation, User
from spro_portal.celery import app
from spro_portal.digest.models import DigestDelivery
from spro_portal.privacy.models import LoginSession
from spro_portal.privacy.retention import personal_data_purge
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.utils import text

DAY = timedelta(days=1)


def ago(days, hours=0):
    return timezone.now() - timedelta(days=days, hours=hours)


@pytest.fixture
def past_and_within(db, settings):
    """For each kind, one row a day past its limit and one a day within it (plus rows that must never go)."""
    limits = settings.RETENTION_DAYS
    rows = {}

    def signup(days, **kwargs):
        user = UserFactory(verified_email=False, **kwargs)
        User.objects.filter(pk=user.pk).update(date_joined=ago(days))
        return user

    limit = limits["unverified_signups"]
    rows["unverified_signups"] = (
        signup(limit + 1),
        [
            signup(limit - 1),
            # verified, or already in a structure, or a coordinator's: never an « unverified sign-up »
            UserFactory(),
            MembershipFactory(user=signup(limit + 1)).user,
        ],
    )
    User.objects.filter(pk=rows["unverified_signups"][1][1].pk).update(date_joined=ago(limit + 10))

    limit = limits["expired_invitations"]
    rows["expired_invitations"] = (
        InvitationFactory(expires_at=ago(limit + 1)),
        [
            InvitationFactory(expires_at=ago(limit - 1)),
            InvitationFactory(expires_at=ago(limit + 10), accepted_at=ago(limit + 12)),
        ],
    )

    limit = limits["digest_deliveries"]
    person = UserFactory()

    def delivery(days, period, status=DigestDelivery.Status.SENT):
        row = DigestDelivery.objects.create(user=person, period=period, status=status)
        DigestDelivery.objects.filter(pk=row.pk).update(created_at=ago(days))
        return row

    rows["digest_deliveries"] = (
        delivery(limit + 1, "2025-10"),
        [delivery(limit - 1, "2025-12"), delivery(limit + 10, "2025-09", DigestDelivery.Status.PENDING)],
    )

    limit = limits["login_records"]

    def login(days):
        return LoginSession.objects.create(
            user=person, session_key=f"cle-{days}", started_at=ago(days + 1), last_seen_at=ago(days)
        )

    rows["login_records"] = (login(limit + 1), [login(limit - 1)])
    return rows


def _exists(row):
    return type(row).objects.filter(pk=row.pk).exists()


def test_purge_deletes_only_what_is_past_its_limit(past_and_within):
    counts = {row.kind: row.count for row in personal_data_purge()}
    for kind, (past, within) in past_and_within.items():
        assert counts[kind] == 1, kind
        assert not _exists(past), kind
        assert all(_exists(row) for row in within), kind


def test_each_limit_is_its_own_setting(past_and_within, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "login_records": 10_000}
    counts = {row.kind: row.count for row in personal_data_purge()}
    assert counts["login_records"] == 0
    assert _exists(past_and_within["login_records"][0])
    assert counts["expired_invitations"] == 1


def test_dry_run_counts_and_deletes_nothing(past_and_within):
    before = Invitation.objects.count(), User.objects.count(), LoginSession.objects.count()
    counts = {row.kind: row.count for row in personal_data_purge(dry_run=True)}
    assert counts == dict.fromkeys(past_and_within, 1) | {"personal_data_exports": 0}
    assert (Invitation.objects.count(), User.objects.count(), LoginSession.objects.count()) == before


def test_command_dry_run_shows_the_counts(past_and_within):
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    output = out.getvalue()
    assert "unverified_signups (plus de 30 jours) : 1 à effacer" in output
    assert "login_records (plus de 180 jours) : 1 à effacer" in output
    assert "Simulation : rien n'a été effacé." in output
    assert _exists(past_and_within["login_records"][0])


def test_command_purges(past_and_within):
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "expired_invitations (plus de 90 jours) : 1 effacé(s)" in out.getvalue()
    assert not _exists(past_and_within["expired_invitations"][0])


def test_the_purge_runs_every_night_from_beat(past_and_within):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    app.loader.import_default_modules()  # what a worker does at start-up: autodiscover every app's tasks.py
    assert entry["task"] in app.tasks
    app.tasks[entry["task"]].delay()
    assert not _exists(past_and_within["digest_deliveries"][0])


def test_personal_data_page_quotes_every_limit(client, db, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "login_records": 365, "unverified_signups": 30}
    page = text(client.get("/donnees-personnelles/"))
    assert "<td>Historique des connexions" in page and "<td>1 an</td>" in page
    assert (
        "<td>Inscriptions dont l'adresse e-mail n'a jamais été confirmée (depuis l'inscription)</td><td>30 jours</td>"
        in page
    )
    assert page.count("<tr><td>") == len(settings.RETENTION_DAYS)
