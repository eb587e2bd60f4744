"""Whose digest a person may read: their own; staff may preview anyone's."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from spro_portal.ids import is_id


def can_preview_others(user):
    return user.is_staff


def get_digest_person(user, person_id=None):
    """`user` themself, or (staff only) the person `person_id`; 403 for others, 404 for an unknown id."""
    if person_id is None:
        return user
    if not can_preview_others(user):
        raise PermissionDenied("Seule l'équipe technique peut prévisualiser le résumé d'une autre personne.")
    person = get_user_model().objects.filter(pk=person_id).first() if is_id(person_id) else None
    if person is None:
        raise Http404("Personne introuvable.")
    return person
