"""Structures and people: a structure's public profile, its label status, and a person's own profile."""

import logging

from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..models import LabelStatusChange, Structure
from . import ServiceError

logger = logging.getLogger(__name__)

LABEL_REASON_MIN_LENGTH = 10


def structure_update_profile(
    *,
    structure,
    description,
    address,
    postcode,
    commune,
    opening_hours,
    contact_email,
    contact_phone,
    website,
    missions,
    audiences,
    updated_by,
):
    """Replace the structure's public profile and record when it was last updated."""
    with transaction.atomic():
        structure = Structure.objects.select_for_update().get(pk=structure.pk)
        structure.description = description.strip()
        structure.address = address.strip()
        structure.postcode = postcode.strip()
        structure.commune = commune.strip()
        structure.opening_hours = opening_hours.strip()
        structure.contact_email = contact_email.strip().lower()
        structure.contact_phone = contact_phone.strip()
        structure.website = website.strip()
        structure.profile_updated_at = timezone.now()
        structure.save(update_fields=[*Structure.PROFILE_FIELDS, "profile_updated_at"])
        structure.missions.set(missions)
        structure.audiences.set(audiences)
    # The model keeps no "updated by" column; the log says who did it.
    logger.info("Profile of structure %s updated by user %s", structure.pk, getattr(updated_by, "pk", None))
    return structure


def structure_change_label_status(*, structure, status, reason, changed_by):
    """Change a structure's label status with a written reason, keep the change in its history, tell its referents."""
    reason = reason.strip()
    if status not in Structure.LabelStatus.values:
        raise ServiceError("Ce statut de labellisation n'existe pas.")
    if len(reason) < LABEL_REASON_MIN_LENGTH:
        raise ServiceError(f"Expliquez le motif du changement en au moins {LABEL_REASON_MIN_LENGTH} caractères.")
    with transaction.atomic():
        structure = Structure.objects.select_for_update().get(pk=structure.pk)
        if structure.label_status == status:
            raise ServiceError(
                f"La structure est déjà au statut « {structure.get_label_status_display()} » : "
                "choisissez un autre statut."
            )
        change = LabelStatusChange.objects.create(
            structure=structure,
            from_status=structure.label_status,
            to_status=status,
            reason=reason,
            changed_by=changed_by,
        )
        structure.label_status = status
        structure.save(update_fields=["label_status"])
        transaction.on_commit(lambda: tasks.send_label_status_email.delay(change.pk))
    return change


def user_update_profile(*, user, first_name, last_name, job_title, phone, expertise, show_in_directory):
    """Update what a person shows of themselves to the network."""
    with transaction.atomic():
        user.first_name = first_name.strip()
        user.last_name = last_name.strip()
        user.job_title = job_title.strip()
        user.phone = phone.strip()
        user.show_in_directory = show_in_directory
        user.save(update_fields=["first_name", "last_name", "job_title", "phone", "show_in_directory"])
        user.expertise.set(expertise)
    return user
