"""Thin Celery tasks around spro_portal.digest.services: plan a period, hand out chunks, send a chunk's digests
(or one person's).

Every task is acks_late with reject_on_worker_lost: a worker killed mid-task leaves its message to be delivered
again, and the delivery row's claim makes the second delivery harmless.
"""

from celery import shared_task

from . import periods, services

# Nobody reads the results: none is stored (the delivery rows are the record).
RELIABLE = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}
SEND_RETRIES = 5


@shared_task(**RELIABLE)
def plan_digests(frequency):
    """Beat's entry point: the period that has just ended for this frequency."""
    plan_period_task(periods.previous(frequency).key)


@shared_task(**RELIABLE)
def plan_period_task(period_key):
    for chunk in services.plan_period(periods.parse(period_key)):
        send_chunk.delay(chunk)


@shared_task(**RELIABLE)
def resume_digests():
    """Beat, every half hour: flag claims left by a dead worker, hand out rows left pending (e.g. a lost chunk)."""
    services.flag_stale_claims()
    for key in services.open_periods():
        for chunk in services.pending_chunks(key):
            send_chunk.delay(chunk)


@shared_task(bind=True, max_retries=SEND_RETRIES, **RELIABLE)
def send_chunk(self, delivery_ids):
    """One chunk's digests, built together; after an SMTP error only the rows given back to pending are retried."""
    try:
        services.send_chunk(delivery_ids)
    except services.SMTP_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.mark_failed(delivery_ids, error)
            return "failed"
        # 30 s, 1 min, 2 min, 4 min, 8 min: the SMTP server gets time to come back.
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error


@shared_task(bind=True, max_retries=SEND_RETRIES, **RELIABLE)
def send_digest(self, delivery_id):
    """One person's digest alone (a chunk of one)."""
    try:
        return services.send_one(delivery_id)
    except services.SMTP_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.mark_failed(delivery_id, error)
            return "failed"
        # 30 s, 1 min, 2 min, 4 min, 8 min: the SMTP server gets time to come back.
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
