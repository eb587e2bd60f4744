from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data and what the law asks of a public-service site: sessions on shared computers, retention, the
    « Mes données » export, and the legal pages. Each domain app contributes its data through the composition."""

    name = "spro_portal.privacy"
    label = "privacy"
    verbose_name = "Données personnelles et sessions"

    def ready(self):
        from . import sessions

        sessions.connect_signals()
