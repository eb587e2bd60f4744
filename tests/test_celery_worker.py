"""The real thing once: a task queued after commit travels through Redis and a real Celery worker sends the mail.

Every other test runs Celery tasks eagerly. This one needs REDIS_URL (CI sets it); on CI its absence is a failure.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from members.services import memberships as services
from spro_portal.celery import app
from tests.utils import redis_url_or_skip


@pytest.fixture
def redis_broker(settings):
    url = redis_url_or_skip("le vrai broker Redis")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    return url


@pytest.mark.timeout(60)
def test_invitation_email_is_sent_by_a_real_worker_through_redis(transactional_db, redis_broker, network):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        invitation = services.invitation_create(
            structure=network.structure, email="par-le-broker@exemple.fr", role="adviser", invited_by=network.referent
        )
        deadline = time.monotonic() + 30
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)
    assert [message.to for message in mail.outbox] == [["par-le-broker@exemple.fr"]]
    assert f"/invitation/{invitation.token}/" in mail.outbox[0].body
