"""Whether a person wants an immediate e-mail of a kind: every forum and library e-mail asks here first.

The person's choices are the preferences of the digest (spro_portal.digest, /compte/preferences/).
"""

from spro_portal.digest.preferences import wants

from .models import Notification

# Forum notification kinds (and the library's "reuse") → the preference that governs them.
PREFERENCE_OF = {
    Notification.Kind.MENTION: "mentions",
    Notification.Kind.REPLY: "replies",
    Notification.Kind.NEW_TOPIC: "replies",  # "replies in what I watch": a watched category's new topics too
    "reuse": "reuse",
}


def wants_email(user, kind):
    """The person's own choice; a kind without a preference (solutions, « utile ») is never e-mailed anyway."""
    preference = PREFERENCE_OF.get(kind)
    return preference is None or wants(user, preference)
