from django.apps import AppConfig


class DigestConfig(AppConfig):
    """The monthly (or weekly) digest and the e-mail preferences: built from each app's `digest_section`."""

    name = "spro_portal.digest"
    label = "digest"
    verbose_name = "Résumés et préférences d'e-mails"
