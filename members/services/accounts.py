"""Closing an account: what identifies the person is blanked, what they wrote for the network stays, signed
« ancien·ne membre d'une Mission locale ». The admin's « delete » takes the same path."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from spro_portal import composition

from ..actor import forget_actors
from ..models import Coordinator, Invitation, JoinRequest, Membership, User
from ..permissions.accounts import is_last_referent
from ..wording import former_member_label


def closed_email(person):
    """A unique address that can receive nothing (.invalid), so that the old one may sign up again."""
    return f"compte-ferme-{person.pk}@comptes-fermes.invalid"


def account_close_request(*, person):
    """The person asks to close their account: closed at once, unless they are their structure's last referent,
    whose request waits for a coordinator's (or the technical team's) confirmation. Returns whether it closed."""
    if is_last_referent(person):
        User.objects.filter(pk=person.pk, closure_requested_at__isnull=True).update(closure_requested_at=timezone.now())
        return False
    account_close(person=person, by=person)
    return True


@transaction.atomic
def account_close(*, person, by):
    """Blank who the person was (name, e-mail, phone, function, expertise, sessions, tokens, e-mail addresses) and
    keep every row they wrote, now signed with their former-member label. `by`: themself, a coordinator or staff."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.closed_at:
        return person
    membership = (
        Membership.objects.filter(user=person).select_related("structure").order_by("-is_active", "-joined_at").first()
    )
    was_coordinator = Coordinator.objects.filter(user=person).exists()
    person.former_label = former_member_label(
        membership.structure if membership else None, was_coordinator=was_coordinator
    )
    # Each app blanks its own rows first, while the old name and address are still readable (e.g. @mentions).
    composition.account_closed(person)
    old_email = person.email
    Membership.objects.filter(user=person, is_active=True).update(is_active=False, updated_by=by)
    forget_actors()  # update() sends no signal
    Coordinator.objects.filter(user=person).delete()
    JoinRequest.objects.filter(user=person, status=JoinRequest.Status.PENDING).delete()
    Invitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()
    Invitation.objects.filter(email__iexact=old_email).update(email="")
    EmailAddress.objects.filter(user=person).delete()
    person.expertise.clear()
    person.first_name = person.last_name = person.job_title = person.phone = ""
    person.email = closed_email(person)
    person.show_in_directory = False
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()  # password-reset links are signed with the password hash: all now invalid
    person.closed_at = timezone.now()
    person.closed_by = by
    person.closure_requested_at = None
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    return person
