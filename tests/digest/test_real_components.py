"""The real thing: a real Celery worker on the real Redis sends a period's digests to a real SMTP server on loopback,
then a worker killed in the middle of a run is replaced and the run resumed: every eligible person once, nobody twice,
at most the one message in flight flagged « uncertain » (the worker runs one task at a time: --pool=solo).

Needs REDIS_URL (CI sets it); on CI its absence is a failure. The kill part runs a worker in another process, which
needs a database another process can open (PostgreSQL on CI, or an SQLite test database in a file).
"""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import time
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.db import connection

from spro_portal.celery import app
from spro_portal.digest import periods, services, tasks
from spro_portal.digest.models import DigestDelivery, Frequency, Preference
from tests.factories import MembershipFactory, StructureFactory, submitted_set
from tests.utils import redis_url_or_skip

Status = DigestDelivery.Status
BASE_DIR = Path(django_settings.BASE_DIR)
PERIOD = periods.month(2026, 11)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


def header(message, name):
    return " ".join(str(message[name]).split())


class Inbox:
    """What the SMTP server accepted; `delay` slows each message down so that a run can be caught mid-way."""

    def __init__(self, delay=0.0):
        self.messages = []
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=default_policy))
        return "250 Message accepted for delivery"

    def recipients(self):
        return [header(message, "To") for message in self.messages]


@pytest.fixture
def redis_url(settings):
    url = redis_url_or_skip("le vrai broker Redis")
    redis.Redis.from_url(url).flushdb()  # no message left over from another run
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    yield url
    redis.Redis.from_url(url).flushdb()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server(inbox):
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = smtp_server(inbox)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.SITE_URL = "https://portail.exemple.fr"
    yield inbox, controller
    controller.stop()


def seeded_network(network, count=0):
    """The personas (four with something to read) plus `count` referents with something due; one opts out."""
    submitted_set(network.structure, by=network.referent, days_ago=3)
    extra = [
        MembershipFactory(structure=StructureFactory(territory=network.territory), role="referent").user
        for _ in range(count)
    ]
    Preference.objects.create(user=network.other_referent, digest=Frequency.NEVER)
    expected = [network.referent, network.territorial_coordinator, network.regional_coordinator, *extra]
    return sorted(person.email for person in expected)


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def settled():
    return not DigestDelivery.objects.filter(
        period=PERIOD.key, status__in=[Status.PENDING, Status.CLAIMED, Status.SENDING]
    ).exists()


def test_a_real_worker_sends_one_message_per_eligible_person_over_real_smtp(transactional_db, redis_url, smtp, network):
    inbox, _ = smtp
    expected = seeded_network(network)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        tasks.plan_period_task.delay(PERIOD.key)
        assert wait_until(lambda: DigestDelivery.objects.exists() and settled(), 60), services.counts(PERIOD.key)
        assert wait_until(lambda: len(inbox.messages) >= len(expected), 10)
    assert sorted(inbox.recipients()) == expected
    assert network.other_referent.email not in inbox.recipients()  # opted out
    for message in inbox.messages:
        assert header(message, "List-Unsubscribe").startswith("<https://portail.exemple.fr/compte/desabonnement/")
        assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
        assert header(message, "Subject") == "[SPRO] Votre résumé du SPRO : novembre 2026"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert text.startswith("Bonjour Camille,") and "Bonjour Camille," in html
        assert "Charte et engagements" in text and "Ne plus recevoir ce résumé" in html
    assert services.counts(PERIOD.key) == {Status.SENT: len(expected), Status.EMPTY: 3}
    # Running the same period again sends nothing.
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        tasks.plan_period_task.delay(PERIOD.key)
        time.sleep(2)
    assert sorted(inbox.recipients()) == expected


def database_url_for_another_process():
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        port = database.get("PORT") or 5432
        host = database["HOST"] or "127.0.0.1"
        user = quote(database["USER"] or "", safe="")
        password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"
    name = str(database["NAME"])
    if connection.vendor == "sqlite" and "memory" not in name and name != ":memory:":
        return f"sqlite:///{name}"
    return None


def worker_process(redis_url, database_url, smtp_port, log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "spro_portal.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "SITE_URL": "https://portail.exemple.fr",
        "LOG_LEVEL": "WARNING",
        "DIGEST_CHUNK_SIZE": str(django_settings.DIGEST_CHUNK_SIZE),
    }
    command = [sys.executable, "-m", "celery", "-A", "spro_portal", "worker", "--pool=solo", "--without-heartbeat"]
    command += ["--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    with open(log, "ab") as output:
        return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)


def stop(process):
    if process.poll() is None:
        process.kill()
    process.wait(10)


def test_a_worker_killed_mid_run_is_resumed_with_nobody_skipped_and_nobody_twice(
    transactional_db, redis_url, settings, network, tmp_path
):
    database_url = database_url_for_another_process()
    if database_url is None:
        if os.environ.get("CI"):
            pytest.fail("La CI doit tourner sur une base qu'un autre processus peut ouvrir (PostgreSQL).")
        pytest.skip("Base de test SQLite en mémoire : un worker dans un autre processus ne peut pas l'ouvrir.")
    inbox = Inbox(delay=0.15)
    controller = smtp_server(inbox)
    expected = seeded_network(network, count=30)
    settings.DIGEST_CHUNK_SIZE = 5
    log = tmp_path / "worker.log"
    first = worker_process(redis_url, database_url, controller.port, log)
    second = None
    try:
        tasks.plan_period_task.delay(PERIOD.key)
        assert wait_until(lambda: len(inbox.messages) >= 8, 60), log.read_text(errors="replace")
        first.send_signal(signal.SIGKILL)  # no warm shutdown: whatever it held is lost with it
        first.wait(10)
        received_before = len(inbox.messages)
        assert received_before < len(expected), "le worker devait être arrêté au milieu de l'envoi"
        # The resume: the claim timeout has passed (0 here), the period's planning runs again on a new worker.
        settings.DIGEST_CLAIM_TIMEOUT = 0
        time.sleep(0.5)
        services.flag_stale_claims(PERIOD.key)
        second = worker_process(redis_url, database_url, controller.port, log)
        tasks.plan_period_task.delay(PERIOD.key)
        assert wait_until(settled, 90), (services.counts(PERIOD.key), log.read_text(errors="replace"))
        time.sleep(1)  # the last message accepted by the server
    finally:
        stop(first)
        if second is not None:
            stop(second)
        controller.stop()
    received = inbox.recipients()
    assert len(received) == len(set(received)), "personne ne reçoit deux fois"
    uncertain = set(
        DigestDelivery.objects.filter(period=PERIOD.key, status=Status.UNCERTAIN).values_list("user__email", flat=True)
    )
    assert len(uncertain) <= 1, "seul l'envoi en cours à l'arrêt peut être incertain"
    assert set(received) | uncertain == set(expected), "personne n'est oublié"
    assert network.other_referent.email not in received
    assert DigestDelivery.objects.filter(period=PERIOD.key, status=Status.SENT).count() == len(
        set(received) - uncertain
    )
