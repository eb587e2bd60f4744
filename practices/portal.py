"""What practices offers to the portal's composition (spro_portal.composition)."""

from django.urls import reverse

from spro_portal.composition import AppOffer, Link, register

from . import permissions


@register
class PracticesOffer(AppOffer):
    order = 20

    def navigation(self, actor):
        if not permissions.can_use(actor):
            return []
        return [
            Link(
                "Communauté",
                reverse("practices:forum"),
                prefix="/communaute/",
                description="Questions, expériences et solutions entre collègues.",
                weight=10,
            ),
            Link(
                "Ressources",
                reverse("practices:resources"),
                prefix="/ressources/",
                description="Outils, modèles et pratiques à réutiliser et adapter.",
                weight=20,
            ),
        ]
