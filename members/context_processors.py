from django.conf import settings


def portal(request):
    return {"actor": getattr(request, "actor", None), "SITE_NAME": settings.SITE_NAME}
