"""The review rules: who may read and review structures' commitments (and see the coordination overview and its
exports), and what a review decision needs. The review form and the review service both apply them from here."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.shortcuts import get_object_or_404

from ..models import CommitmentReview, CommitmentSet, Structure, Territory

APPROVED = CommitmentReview.Decision.APPROVED
CHANGES_REQUESTED = CommitmentReview.Decision.CHANGES_REQUESTED


def can_read_commitment_review(actor, commitment_set):
    """A coordinator reads the commitments of the structures their scope covers."""
    return actor.covers(commitment_set.structure)


def can_review_commitment_set(actor, commitment_set):
    """A coordinator gives their opinion on submitted commitments of a structure in their scope."""
    return commitment_set.status == CommitmentSet.Status.SUBMITTED and can_read_commitment_review(actor, commitment_set)


@dataclass(frozen=True)
class ReviewAbilities:
    review: bool = False  # give the decision on the latest submission now


def review_abilities(actor, commitment_set, latest, latest_review):
    """A coordinator in scope reviews the latest submission once, while the set waits for review."""
    return ReviewAbilities(
        review=latest is not None and latest_review is None and can_review_commitment_set(actor, commitment_set)
    )


@dataclass(frozen=True)
class DecisionProblem:
    message: str
    item_id: int | None = None  # the item concerned, or None for the overall decision
    field: str = "decision"  # "decision" or "reason"


def review_decision_problems(*, item_ids, item_decisions, decision, comment):
    """What is missing or contradictory in a review: every submitted item needs an opinion (none is assumed), an
    item to rework needs a reason, "approve everything" cannot stand beside an item to rework, and asking for
    changes needs an item to rework or a general comment. `item_decisions` maps item id → (decision, reason)."""
    problems = []
    asks_changes = False
    for item_id in item_ids:
        item_decision, reason = item_decisions.get(item_id, ("", ""))
        if item_decision not in (APPROVED, CHANGES_REQUESTED):
            problems.append(DecisionProblem("Choisissez un avis : « Conforme » ou « À reprendre ».", item_id))
        elif item_decision == CHANGES_REQUESTED:
            asks_changes = True
            if not (reason or "").strip():
                problems.append(
                    DecisionProblem(
                        "Indiquez ce que la structure doit reprendre pour cet engagement.", item_id, "reason"
                    )
                )
    if set(item_decisions) - set(item_ids):
        problems.append(DecisionProblem("Un avis porte sur un engagement qui n'a pas été déposé : rechargez la page."))
    if decision not in (APPROVED, CHANGES_REQUESTED):
        problems.append(DecisionProblem("Choisissez une décision d'ensemble : valider ou demander des modifications."))
    elif decision == APPROVED and asks_changes:
        problems.append(
            DecisionProblem(
                "Vous ne pouvez pas tout valider alors qu'au moins un engagement est marqué « À reprendre » : "
                "demandez des modifications, ou changez l'avis sur cet engagement."
            )
        )
    elif decision == CHANGES_REQUESTED and not asks_changes and not (comment or "").strip():
        problems.append(
            DecisionProblem(
                "Pour demander des modifications, marquez au moins un engagement « À reprendre » "
                "ou écrivez un commentaire général."
            )
        )
    return problems


def can_open_review_cycle(actor):
    """Opening a yearly cycle concerns every structure of the region: regional coordinators only."""
    return actor.is_regional_coordinator


def ensure_can_open_review_cycle(actor):
    if not can_open_review_cycle(actor):
        raise PermissionDenied("Seul·es les coordinateur·rices régionaux·ales ouvrent un cycle de revue.")


def commitment_sets_visible_to(actor):
    """Commitment sets of the structures in a coordinator's scope (none for anyone else)."""
    return CommitmentSet.objects.filter(structure__in=Structure.objects.in_scope_of(actor))


def commitment_queues_of(actors):
    """`{user.pk: {"count", "oldest"}}`: `commitment_sets_visible_to(actor).awaiting_review()` for many coordinators
    at once, in one query: the sets awaiting review by territory, then combined over each one's scope."""
    by_territory = {
        row["structure__territory_id"]: row
        for row in CommitmentSet.objects.filter(status=CommitmentSet.Status.SUBMITTED)
        .values("structure__territory_id")
        .annotate(count=Count("pk"), oldest=Min("submitted_at"))
        .order_by()
    }
    queues = {}
    for actor in actors:
        if actor.is_regional_coordinator:
            rows = list(by_territory.values())
        elif actor.is_coordinator:
            rows = [by_territory[pk] for pk in actor.territory_ids if pk in by_territory]
        else:
            rows = []
        queues[actor.user.pk] = {
            "count": sum(row["count"] for row in rows),
            "oldest": min((row["oldest"] for row in rows if row["oldest"]), default=None),
        }
    return queues


def structures_visible_to(actor):
    """Structures whose figures a coordinator sees in the overview and its exports."""
    return Structure.objects.in_scope_of(actor)


def territories_visible_to(actor):
    """Territories a coordinator covers: all of them for a regional coordinator."""
    if actor.is_regional_coordinator:
        return Territory.objects.all()
    if actor.is_coordinator:
        return Territory.objects.filter(pk__in=actor.territory_ids)
    return Territory.objects.none()


def get_commitment_set_for_review(actor, pk):
    """The set to review, or 403 for non-coordinators and 404 outside the scope (not to reveal it exists)."""
    if not actor.is_coordinator:
        raise PermissionDenied("Cette page est réservée aux coordinateur·rices du SPRO.")
    queryset = commitment_sets_visible_to(actor).select_related(
        "structure__territory", "cycle", "charter_version", "submitted_by"
    )
    return get_object_or_404(queryset, pk=pk)
