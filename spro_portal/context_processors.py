from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import composition


def portal(request):
    """The actor, and what every page's layout shows from all apps: computed only if the template reads it."""
    actor = getattr(request, "actor", None)
    return {
        "actor": actor,
        "SITE_NAME": settings.SITE_NAME,
        "INVITATION_VALIDITY_DAYS": settings.INVITATION_VALIDITY_DAYS,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
        "navigation": SimpleLazyObject(lambda: composition.navigation(actor)),
        "banners": SimpleLazyObject(lambda: composition.banners(actor) if actor is not None else []),
        "site_search": SimpleLazyObject(lambda: composition.site_search(actor)),
        "coordination_menu": SimpleLazyObject(lambda: composition.coordination_menu(actor)),
    }
