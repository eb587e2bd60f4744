"""What indicators offers to the portal's composition (spro_portal.composition)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from spro_portal.composition import AppOffer, Link, SeedStep, SiteMapSection, Todo, one_digest_section, register
from spro_portal.dates import long_date
from spro_portal.links import link

from . import digest, permissions, personal_data
from .demo import seed
from .models import Campaign, Indicator, IndicatorProposal, Position, Report


@register
class IndicatorsOffer(AppOffer):
    order = 30

    def navigation(self, actor):
        if not permissions.can_use(actor):
            return []
        return [
            Link(
                "Indicateurs",
                link("indicators:dashboard"),
                prefix="/indicateurs/",
                description="Les indicateurs construits ensemble et leurs résultats.",
                weight=30,
            )
        ]

    def todos(self, actor):
        if not permissions.can_use(actor):
            return []
        return [*_report_todos(actor), *_position_todos(actor), *_validation_todos(actor)]

    def coordination_menu(self, actor):
        if not permissions.can_open_campaign(actor):
            return []
        count = permissions.reports_to_validate(actor).count()
        return [
            Link("Campagnes d'indicateurs", link("indicators:campaign_list"), prefix="/indicateurs/campagnes/"),
            Link(
                "Rapports à valider",
                link("indicators:reports_to_validate"),
                prefix=link("indicators:reports_to_validate"),
                count=count,
            ),
        ]

    def digest_section(self, person, period):
        return one_digest_section(self, person, period)

    def digest_sections(self, batch):
        """Proposals awaiting a position, the structure's campaigns, reports to validate (see indicators.digest)."""
        return digest.digest_sections(batch)

    def personal_data(self, person):
        return personal_data.personal_data(person)

    def site_map(self):
        return [
            SiteMapSection(
                "Indicateurs",
                (
                    Link("Tableaux de bord", link("indicators:dashboard")),
                    Link("Propositions d'indicateurs", link("indicators:proposal_list")),
                    Link("Proposer un indicateur", link("indicators:proposal_create")),
                    Link("Campagnes de collecte et rapports de ma structure", link("indicators:campaign_list")),
                ),
                audience="réservé aux membres",
            ),
            SiteMapSection(
                "Coordination",
                (Link("Rapports d'indicateurs à valider", link("indicators:reports_to_validate")),),
                audience="réservé aux coordinateur·rices",
            ),
        ]

    seed_steps = (
        SeedStep(60, seed.seed_proposals),
        SeedStep(61, seed.seed_campaigns),
    )

    def demo_data_exists(self):
        return Indicator.objects.exists()


def _report_todos(actor):
    """A referent's reports returned by the coordination, then those still to submit in open campaigns (2 queries)."""
    if not actor.is_referent:
        return []
    today = timezone.localdate()
    reports = Report.objects.filter(structure_id=actor.structure_id)
    returned = reports.filter(status=Report.Status.RETURNED).select_related("campaign")[:5]
    handled = reports.filter(campaign=OuterRef("pk")).exclude(status=Report.Status.DRAFT)  # submitted or returned
    to_fill = (
        Campaign.objects.filter(structures=actor.structure_id, opens_on__lte=today, deadline__gte=today)
        .exclude(Exists(handled))
        .order_by("deadline")[:5]
    )
    return [
        *(
            Todo(
                f"{report.campaign} : la coordination a renvoyé le rapport de votre structure "
                f"({report.return_reason}).",
                reverse("indicators:report_detail", args=[report.campaign_id, actor.structure.slug]),
                "Corriger et déposer à nouveau",
                warning=True,
            )
            for report in returned
        ),
        *(
            Todo(
                f"{campaign} : le rapport de votre structure est à déposer avant le {long_date(campaign.deadline)}.",
                reverse("indicators:report_detail", args=[campaign.pk, actor.structure.slug]),
                "Saisir les valeurs",
                warning=(campaign.deadline - today).days <= 7,
            )
            for campaign in to_fill
        ),
    ]


def _position_todos(actor):
    if not actor.is_structure_member:
        return []
    today = timezone.localdate()
    mine = Position.objects.filter(proposal=OuterRef("pk"), user=actor.user, is_current=True)
    waiting = (
        IndicatorProposal.objects.filter(status=IndicatorProposal.Status.DISCUSSION, discussion_ends_on__gte=today)
        .exclude(Exists(mine))
        .order_by("discussion_ends_on")[:5]
    )
    return [
        Todo(
            f"La proposition d'indicateur « {proposal.name} » attend votre position (discussion jusqu'au "
            f"{long_date(proposal.discussion_ends_on)}).",
            proposal.get_absolute_url(),
            "Lire et prendre position",
        )
        for proposal in waiting
    ]


def _validation_todos(actor):
    if not permissions.can_open_campaign(actor):
        return []
    count = permissions.reports_to_validate(actor).count()
    if not count:
        return []
    plural = "s" if count > 1 else ""
    return [
        Todo(
            f"{count} rapport{plural} d'indicateurs déposé{plural} "
            f"attend{'ent' if count > 1 else ''} votre validation.",
            link("indicators:reports_to_validate"),
            "Valider les rapports",
        )
    ]
