"""Reading and writing a person's e-mail preferences; other apps ask `wants(user, kind)` before a notification."""

from django.db import transaction

from .models import NOTIFICATION_KINDS, Frequency, Preference


def preference_of(user):
    """The person's preferences, unsaved defaults if they never chose."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def wants(user, kind):
    """Whether `user` wants the immediate notification `kind` (one of NOTIFICATION_KINDS): on unless turned off."""
    field = NOTIFICATION_KINDS[kind]  # an unknown kind is a programming error, not a silent "yes"
    return bool(Preference.objects.filter(user=user).values_list(field, flat=True).first() in (None, True))


@transaction.atomic
def preference_save(*, user, **values):
    Preference.objects.update_or_create(user=user, defaults=values)


def unsubscribe(*, user_id):
    """The one-click unsubscribe: no more digest (the notification kinds are left as they are)."""
    preference_save_digest(user_id=user_id, digest=Frequency.NEVER)


def preference_save_digest(*, user_id, digest):
    Preference.objects.update_or_create(user_id=user_id, defaults={"digest": digest})
