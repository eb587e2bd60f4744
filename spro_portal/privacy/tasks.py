"""Thin Celery tasks of spro_portal.privacy."""

import logging

from celery import shared_task

from . import retention
from .models import DataExport

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def purge_personal_data():
    """Beat, every night: delete what is past its retention limit (deleting twice is harmless)."""
    for row in retention.personal_data_purge():
        logger.info("Rétention %s (%s jours) : %s supprimé(s)", row.kind, row.days, row.count)


@shared_task(acks_late=True, ignore_result=True)
def build_data_export(export_id):
    """Build one pending archive; a failed build is marked so that the person may ask again."""
    from . import services  # services queues this task: imported here to avoid an import cycle

    export = DataExport.objects.filter(pk=export_id, status=DataExport.Status.PENDING).select_related("user").first()
    if export is None:
        return
    try:
        services.data_export_build(export=export)
    except Exception:
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        raise
