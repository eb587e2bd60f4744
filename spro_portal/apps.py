from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SproPortalConfig(AppConfig):
    """The house: helpers every app uses and the cross-app composition (see spro_portal.composition)."""

    name = "spro_portal"
    verbose_name = "Portail du SPRO"

    def ready(self):
        # Each domain app offers its part of the home page, menus and demo data in its own portal.py.
        autodiscover_modules("portal")
