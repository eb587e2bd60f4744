"""Whether a person wants an immediate e-mail of a given kind: every indicators e-mail asks here first."""

DEADLINE_REMINDER = "indicators_deadline_reminder"
REPORT_RETURNED = "indicators_report_returned"
REPORT_VALIDATED = "indicators_report_validated"


def wants_email(user, kind):
    """True for now. The monthly digest's notification preferences (spro_portal/digest) will plug in here, so a
    person who chose the digest for a kind stops receiving it immediately."""
    return True
