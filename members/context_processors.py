from django.conf import settings


def portal(request):
    return {
        "actor": getattr(request, "actor", None),
        "SITE_NAME": settings.SITE_NAME,
        # A callable: the template calls it only where the banner is included, so pages pay nothing until then.
        "charter_banner": lambda: charter_banner(request),
    }


def charter_banner(request):
    """Whether to remind a referent that their structure has not signed the charter in force (once per request)."""
    if not hasattr(request, "_charter_banner"):
        from .services.charter import structure_has_signed_current_charter

        actor = getattr(request, "actor", None)
        request._charter_banner = bool(
            actor is not None and actor.is_referent and structure_has_signed_current_charter(actor.structure) is False
        )
    return request._charter_banner
