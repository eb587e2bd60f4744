from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Membres du réseau"

    def ready(self):
        from .signals import connect_signals

        connect_signals()
