"""The unsubscribe token: the person's id, signed and dated, so that a link in an e-mail works without a login."""

from django.conf import settings
from django.core import signing

SALT = "spro_portal.digest.unsubscribe"


def make(user):
    return signing.dumps(user.pk, salt=SALT, compress=False)


def read(token):
    """The user id the token names, or raises signing.BadSignature (tampered) / signing.SignatureExpired (too old)."""
    user_id = signing.loads(token, salt=SALT, max_age=settings.DIGEST_UNSUBSCRIBE_MAX_AGE)
    if not isinstance(user_id, int):
        raise signing.BadSignature("Jeton illisible.")
    return user_id
