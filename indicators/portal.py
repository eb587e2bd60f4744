"""What indicators offers to the portal's composition (spro_portal.composition)."""

from django.urls import reverse

from spro_portal.composition import AppOffer, Link, register

from . import permissions


@register
class IndicatorsOffer(AppOffer):
    order = 30

    def navigation(self, actor):
        if not permissions.can_use(actor):
            return []
        return [
            Link(
                "Indicateurs",
                reverse("indicators:dashboard"),
                prefix="/indicateurs/",
                description="Les indicateurs construits ensemble et leurs résultats.",
                weight=30,
            )
        ]
