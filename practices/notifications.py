"""Whether a person wants a forum e-mail of a given kind: the one place where e-mail preferences are asked."""


def wants_email(user, kind):
    """True for now: every immediate e-mail (new topic, reply, mention) goes out.

    The monthly digest's notification preferences (spro_portal/digest) will plug in here: this function will read
    the person's preference for `kind` (a `Notification.Kind` value). Callers must not ask anywhere else.
    """
    return True
