"""Thin Celery tasks of spro_portal.privacy."""

import logging

from celery import shared_task

from . import retention

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def purge_personal_data():
    """Beat, every night: delete what is past its retention limit (deleting twice is harmless)."""
    for row in retention.personal_data_purge():
        logger.info("Rétention %s (%s jours) : %s supprimé(s)", row.kind, row.days, row.count)
