from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Communauté de pratique"

    def ready(self):
        from .signals import connect_signals

        connect_signals()
