"""The members' part of the monthly digest, built for a whole chunk of people at once.

Referents: whether their structure has signed the charter in force, and their commitments' status in the current
cycle; coordinators: the commitment sets of their scope awaiting review. A fixed number of queries per chunk,
whatever its size: each fact is read once for all the chunk's structures, then each person is told what concerns
them (a coordinator's queue is the one `commitment_sets_visible_to` gives them).
"""

from django.urls import reverse

from spro_portal.composition import DigestItem, DigestSection
from spro_portal.dates import long_date

from .actor import build_actors
from .models import CommitmentSet, ReviewCycle
from .permissions.reviews import commitment_queues_of
from .services.charter import structures_without_current_signature

COMMITMENT_STATUS_SENTENCES = {
    CommitmentSet.Status.SUBMITTED: "déposés, en attente de la revue de la coordination.",
    CommitmentSet.Status.CHANGES_REQUESTED: "modifications demandées par la coordination, à reprendre et déposer "
    "à nouveau avant le {due}.",
    CommitmentSet.Status.APPROVED: "validés par la coordination.",
}


def _referent_items(actor, unsigned, cycle, statuses):
    items = []
    if actor.structure_id in unsigned:
        items.append(
            DigestItem(
                "Votre structure n'a pas encore signé la charte du SPRO en vigueur.",
                reverse("members:charter") + "#signer",
                "Lire et signer la charte",
            )
        )
    if cycle is not None:
        sentence = COMMITMENT_STATUS_SENTENCES.get(
            statuses.get(actor.structure_id), "à compléter et déposer avant le {due}."
        )
        items.append(
            DigestItem(
                f"Engagements de {actor.structure.name}, cycle {cycle.year} : "
                + sentence.format(due=long_date(cycle.due_on)),
                reverse("members:commitments"),
                "Voir les engagements",
            )
        )
    return items


def _coordinator_items(waiting):
    count = waiting["count"]
    if not count:
        return []  # nothing to say: an empty queue alone does not make a digest worth sending
    plural = "s" if count > 1 else ""
    return [
        DigestItem(
            f"{count} dossier{plural} d'engagements attend{'ent' if count > 1 else ''} votre revue, "
            f"le plus ancien depuis le {long_date(waiting['oldest'])}.",
            reverse("members:coordination"),
            "Ouvrir la file de revue",
        )
    ]


def digest_sections(batch):
    """`{person.pk: DigestSection}` for the chunk's referents and coordinators who have something to read."""
    actors = batch.memo("actors", lambda: build_actors(batch.people))
    referents = [actor for actor in actors.values() if actor.is_referent]
    coordinators = [actor for actor in actors.values() if actor.is_coordinator]
    unsigned, cycle, statuses = set(), None, {}
    if referents:
        structure_ids = {actor.structure_id for actor in referents}
        unsigned = structures_without_current_signature(structure_ids)
        cycle = ReviewCycle.objects.current()
        if cycle is not None:
            statuses = dict(
                CommitmentSet.objects.filter(structure_id__in=structure_ids, cycle=cycle).values_list(
                    "structure_id", "status"
                )
            )
    queues = commitment_queues_of(coordinators) if coordinators else {}
    sections = {}
    for person in batch.people:
        actor = actors[person.pk]
        items = []
        if actor.is_referent:
            items += _referent_items(actor, unsigned, cycle, statuses)
        if actor.is_coordinator:
            items += _coordinator_items(queues[person.pk])
        if items:
            sections[person.pk] = DigestSection("Charte et engagements", items=tuple(items))
    return sections
