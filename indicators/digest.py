"""The indicators' part of the monthly digest, built for a whole chunk of people at once.

People of a structure: the proposals in discussion still awaiting their position, and their own structure's
campaigns (deadline and the report's status; never a value, and never another structure's report). Coordinators:
how many submitted reports of their scope wait for their validation. Each list is read once for the chunk (a fixed
number of queries, whatever its size), then `permissions` decides what each person is told.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from members.actor import build_actors
from spro_portal.composition import DigestCount, DigestItem, DigestSection
from spro_portal.dates import long_date

from .models import Campaign, IndicatorProposal, Position, Report
from .permissions import can_open_campaign, can_see_structure_values, can_use
from .permissions.proposals import can_take_position
from .permissions.reports import reports_to_validate_counts

SHOWN = 5
Status = Report.Status


def report_sentence(status, campaign, today):
    if status == Status.SUBMITTED:
        return "rapport déposé, en attente de validation par la coordination."
    if status == Status.VALIDATED:
        return "rapport validé par la coordination."
    if status == Status.RETURNED:
        return "rapport renvoyé par la coordination : à corriger et déposer à nouveau."
    if campaign.deadline >= today:
        return f"rapport à déposer avant le {long_date(campaign.deadline)}."
    return f"date limite du {long_date(campaign.deadline)} passée, rapport non déposé."


class Chunk:
    def __init__(self, batch):
        self.period = batch.period
        self.today = timezone.localdate()
        actors = batch.memo("actors", lambda: build_actors(batch.people))
        self.members = [actors[person.pk] for person in batch.people if can_use(actors[person.pk])]

    def proposals_awaiting(self):
        """Proposals whose discussion runs, and who already took a position on which (two queries)."""
        people = [actor.user.pk for actor in self.members if actor.is_structure_member]
        if not people:
            return [], set()
        running = Q(discussion_ends_on__isnull=True) | Q(discussion_ends_on__gte=self.today)
        proposals = list(
            IndicatorProposal.objects.filter(running, status=IndicatorProposal.Status.DISCUSSION).order_by(
                "discussion_ends_on", "pk"
            )
        )
        if not proposals:
            return [], set()
        taken = set(
            Position.objects.filter(proposal__in=proposals, user_id__in=people, is_current=True).values_list(
                "proposal_id", "user_id"
            )
        )
        return proposals, taken

    def campaigns(self):
        """`{structure id: [(campaign, report status or None), …]}`: the opened campaigns of the chunk's structures
        whose deadline is not before the period (two queries)."""
        structure_ids = {actor.structure_id for actor in self.members if actor.structure_id}
        if not structure_ids:
            return {}
        links = (
            Campaign.structures.through.objects.filter(
                structure_id__in=structure_ids,
                campaign__deadline__gte=self.period.first_day,
                campaign__opens_on__lte=self.today,
            )
            .select_related("campaign")
            .order_by("campaign__deadline", "campaign_id")
        )
        links = list(links)
        statuses = {
            (campaign_id, structure_id): status
            for campaign_id, structure_id, status in Report.objects.filter(
                structure_id__in=structure_ids, campaign_id__in={link.campaign_id for link in links}
            ).values_list("campaign_id", "structure_id", "status")
        }
        found = {}
        for link in links:
            status = statuses.get((link.campaign_id, link.structure_id))
            found.setdefault(link.structure_id, []).append((link.campaign, status))
        return found

    def section(self, actor, proposals, taken, campaigns, to_validate):
        items, counts = [], []
        waiting = [
            proposal
            for proposal in proposals
            if can_take_position(actor, proposal) and (proposal.pk, actor.user.pk) not in taken
        ]
        if waiting:
            count = len(waiting)
            counts.append(
                DigestCount(
                    count,
                    "proposition attend votre position" if count == 1 else "propositions attendent votre position",
                )
            )
            for proposal in waiting[:SHOWN]:
                until = (
                    f" (discussion jusqu'au {long_date(proposal.discussion_ends_on)})"
                    if proposal.discussion_ends_on
                    else ""
                )
                items.append(
                    DigestItem(
                        f"La proposition d'indicateur « {proposal.name} » attend votre position{until}.",
                        proposal.get_absolute_url(),
                        "Lire et prendre position",
                    )
                )
        structure = actor.structure
        for campaign, status in campaigns.get(actor.structure_id, [])[:SHOWN]:
            if not can_see_structure_values(actor, structure):
                continue
            items.append(
                DigestItem(
                    f"{campaign}, {structure.name} : {report_sentence(status, campaign, self.today)}",
                    reverse("indicators:report_detail", args=[campaign.pk, structure.slug]),
                    "Voir le rapport",
                )
            )
        count = to_validate.get(actor.user.pk, 0)
        if count:
            counts.append(DigestCount(count, "rapport à valider" if count == 1 else "rapports à valider"))
            items.append(
                DigestItem(
                    f"{count} rapport{'s' if count > 1 else ''} d'indicateurs déposé{'s' if count > 1 else ''} "
                    f"attend{'ent' if count > 1 else ''} votre validation.",
                    reverse("indicators:reports_to_validate"),
                    "Valider les rapports",
                )
            )
        if not items:
            return None
        return DigestSection("Indicateurs", items=tuple(items), counts=tuple(counts))

    def sections(self):
        if not self.members:
            return {}
        proposals, taken = self.proposals_awaiting()
        campaigns = self.campaigns()
        coordinators = [actor for actor in self.members if can_open_campaign(actor)]
        to_validate = reports_to_validate_counts(coordinators) if coordinators else {}
        return {actor.user.pk: self.section(actor, proposals, taken, campaigns, to_validate) for actor in self.members}


def digest_sections(batch):
    """`{person.pk: DigestSection or None}` for the chunk."""
    return Chunk(batch).sections()
