from django.apps import AppConfig
from django.urls import register_converter
from django.utils.module_loading import autodiscover_modules


class SproPortalConfig(AppConfig):
    """The house: helpers every app uses and the cross-app composition (see spro_portal.composition)."""

    name = "spro_portal"
    verbose_name = "Portail du SPRO"

    def ready(self):
        from . import search
        from .ids import IdConverter

        # Every app's urls say `<id:pk>`: a number too large for the database is a 404, not an error.
        register_converter(IdConverter, "id")
        # `field__unaccent__icontains` on PostgreSQL and SQLite alike.
        search.install()
        # Each domain app offers its part of the home page, menus and demo data in its own portal.py.
        autodiscover_modules("portal")
