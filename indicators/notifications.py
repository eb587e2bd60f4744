"""Whether a person wants an immediate e-mail of a given kind: every indicators e-mail asks here first.

The kinds are the keys of the digest's NOTIFICATION_KINDS (spro_portal/digest), so its preferences plug in as is."""

DEADLINE_REMINDER = "deadlines"
REPORT_RETURNED = "review_decisions"
REPORT_VALIDATED = "review_decisions"


def wants_email(user, kind):
    """True for now. Once the digest is merged: `return spro_portal.digest.preferences.wants(user, kind)`, so a
    person who turned a kind off stops receiving it immediately."""
    return True
