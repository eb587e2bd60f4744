"""Whether a person wants an immediate e-mail of a given kind: every indicators e-mail asks here first.

The kinds are the keys of the digest's NOTIFICATION_KINDS (spro_portal/digest), so its preferences plug in as is."""

from spro_portal.digest.preferences import wants

DEADLINE_REMINDER = "deadlines"
REPORT_RETURNED = "review_decisions"
REPORT_VALIDATED = "review_decisions"


def wants_email(user, kind):
    """The person's own choice on their preferences page (spro_portal.digest): a kind turned off is not sent."""
    return wants(user, kind)
