"""Proposals from draft to decision: creation, revisions, discussion, positions, answers, adoption."""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.text import slugify

from spro_portal.dates import long_date
from spro_portal.markdown import render_markdown

from ..models import (
    Calculation,
    Indicator,
    IndicatorProposal,
    IndicatorVersion,
    ObjectionAnswer,
    Position,
    ProposalComment,
    ProposalEvent,
    ProposalRevision,
)
from . import ServiceError

Status = IndicatorProposal.Status
# Paths under /indicateurs/ that an indicator's slug must not take.
RESERVED_SLUGS = {"propositions", "campagnes", "a-valider", "export"}


def adoption_min_structures():
    return getattr(settings, "INDICATOR_ADOPTION_MIN_STRUCTURES", 3)


def _check_definition(data):
    if data.get("calculation") == Calculation.RATIO:
        if not (data.get("numerator_label") or "").strip() or not (data.get("denominator_label") or "").strip():
            raise ServiceError("Un rapport a un numérateur et un dénominateur : décrivez l'un et l'autre.")
    elif data.get("aggregation") == "ratio_of_sums":
        raise ServiceError(
            "Le rapport des sommes ne s'applique qu'à un indicateur calculé comme un rapport : choisissez la somme "
            "ou la moyenne."
        )


def _lock(proposal):
    return IndicatorProposal.objects.select_for_update().get(pk=proposal.pk)


def _event(proposal, from_status, by, note=""):
    ProposalEvent.objects.create(
        proposal=proposal, from_status=from_status, to_status=proposal.status, by=by, note=note
    )


def _snapshot(proposal, *, author, note=""):
    ProposalRevision.objects.create(
        proposal=proposal, number=proposal.revision, author=author, note=note, **proposal.definition_values()
    )


def proposal_create(*, author, structure, data, amends=None):
    """A new draft, with its first revision kept; `amends`: the adopted indicator whose definition it changes."""
    _check_definition(data)
    with transaction.atomic():
        proposal = IndicatorProposal.objects.create(author=author, author_structure=structure, amends=amends, **data)
        _snapshot(proposal, author=author, note="Première rédaction")
        _event(proposal, "", author)
    return proposal


def proposal_revise(*, proposal, data, note, by):
    """The author's new text; the previous one stays readable and the difference is shown."""
    _check_definition(data)
    with transaction.atomic():
        proposal = _lock(proposal)
        if proposal.status not in IndicatorProposal.OPEN_STATUSES:
            raise ServiceError("Cette proposition a été tranchée ou retirée : son texte n'est plus modifiable.")
        if all(getattr(proposal, field) == value for field, value in data.items()):
            raise ServiceError("Le texte n'a pas changé : aucune révision n'a été créée.")
        for field, value in data.items():
            setattr(proposal, field, value)
        proposal.revision += 1
        proposal.save()
        _snapshot(proposal, author=by, note=note)
    return proposal


def proposal_open_discussion(*, proposal, ends_on, by):
    """A coordinator opens the discussion until `ends_on` (a date after today)."""
    if ends_on <= timezone.localdate():
        raise ServiceError("La fin de la discussion doit être postérieure à aujourd'hui.")
    with transaction.atomic():
        proposal = _lock(proposal)
        if proposal.status != Status.DRAFT:
            raise ServiceError("Seul un brouillon peut être mis en discussion.")
        proposal.status = Status.DISCUSSION
        proposal.discussion_ends_on = ends_on
        proposal.save()
        _event(proposal, Status.DRAFT, by, f"Discussion jusqu'au {long_date(ends_on)}")
    return proposal


def comment_add(*, proposal, author, structure, body):
    """A Markdown comment, rendered (and sanitised) once here rather than at every read."""
    if proposal.status != Status.DISCUSSION:
        raise ServiceError("On ne commente une proposition que pendant sa discussion.")
    body = body.strip()
    if not body:
        raise ServiceError("Le commentaire est vide.")
    return ProposalComment.objects.create(
        proposal=proposal, author=author, author_structure=structure, body=body, body_html=render_markdown(body)
    )


def position_take(*, proposal, user, structure, kind, reason=""):
    """A person's new position; the previous one is kept in the history and no longer counts."""
    reason = (reason or "").strip()
    if kind == Position.Kind.OBJECTION and not reason:
        raise ServiceError("Une objection s'accompagne toujours d'un motif : écrivez ce qui vous fait objecter.")
    if structure is None:
        raise ServiceError("Les positions se prennent au nom d'une structure du réseau.")
    with transaction.atomic():
        proposal = _lock(proposal)
        if proposal.status != Status.DISCUSSION:
            raise ServiceError("On ne prend position que pendant la discussion.")
        if proposal.discussion_ends_on and timezone.localdate() > proposal.discussion_ends_on:
            raise ServiceError(
                f"La discussion s'est terminée le {long_date(proposal.discussion_ends_on)} : les positions sont closes."
            )
        Position.objects.filter(proposal=proposal, user=user, is_current=True).update(is_current=False)
        return Position.objects.create(proposal=proposal, user=user, structure=structure, kind=kind, reason=reason)


def objection_answer(*, position, author, body):
    """The written answer an objection needs before adoption."""
    body = body.strip()
    if not body:
        raise ServiceError("La réponse est vide.")
    if not position.is_objection:
        raise ServiceError("Seules les objections appellent une réponse.")
    if hasattr(position, "answer"):
        raise ServiceError("Cette objection a déjà une réponse.")
    return ObjectionAnswer.objects.create(position=position, author=author, body=body)


def adoption_problems(proposal, today=None):
    """Every rule adoption still breaks, in French (an empty list: the proposal may be adopted)."""
    today = today or timezone.localdate()
    if proposal.status != Status.DISCUSSION:
        return ["Seule une proposition en discussion peut être adoptée."]
    problems = []
    if proposal.discussion_ends_on is None or today <= proposal.discussion_ends_on:
        problems.append(
            f"La discussion n'est pas terminée (elle court jusqu'au {long_date(proposal.discussion_ends_on)}) : "
            "l'adoption est possible à partir du lendemain."
        )
    current = Position.objects.current().filter(proposal=proposal)
    figures = current.aggregate(
        structures=Count("structure", distinct=True),
        unanswered=Count("pk", filter=Q(kind=Position.Kind.OBJECTION, answer__isnull=True)),
    )
    needed = adoption_min_structures()
    if figures["structures"] < needed:
        problems.append(
            f"Il faut des positions d'au moins {needed} structures différentes : "
            f"{figures['structures']} se sont prononcées."
        )
    if figures["unanswered"]:
        count = figures["unanswered"]
        problems.append(
            f"{count} objection{'s' if count > 1 else ''} attend{'ent' if count > 1 else ''} encore une réponse "
            "écrite : répondez à chacune avant d'adopter."
        )
    return problems


def _unique_slug(name):
    base = slugify(name)[:150] or "indicateur"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Indicator.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def proposal_adopt(*, proposal, by, today=None):
    """Adoption creates the indicator and its version 1 — or, for an amendment, the indicator's next version —
    once every rule of the discussion is met. Values already reported keep the version they were reported against."""
    with transaction.atomic():
        proposal = _lock(proposal)
        problems = adoption_problems(proposal, today)
        if problems:
            raise ServiceError(" ".join(problems))
        if proposal.amends_id:
            indicator = Indicator.objects.select_for_update().get(pk=proposal.amends_id)
            number = (indicator.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        else:
            indicator = Indicator.objects.create(slug=_unique_slug(proposal.name), proposal=proposal)
            number = 1
        version = IndicatorVersion.objects.create(
            indicator=indicator, number=number, proposal=proposal, adopted_by=by, **proposal.definition_values()
        )
        indicator.current_version = version
        indicator.save(update_fields=["current_version"])
        proposal.status = Status.ADOPTED
        proposal.save()
        _event(proposal, Status.DISCUSSION, by)
    return indicator


def proposal_reject(*, proposal, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Écrivez le motif du rejet : les membres qui ont discuté la proposition le liront.")
    with transaction.atomic():
        proposal = _lock(proposal)
        if proposal.status != Status.DISCUSSION:
            raise ServiceError("Seule une proposition en discussion peut être rejetée.")
        proposal.status = Status.REJECTED
        proposal.decision_reason = reason
        proposal.save()
        _event(proposal, Status.DISCUSSION, by, reason)
    return proposal


def proposal_withdraw(*, proposal, by):
    with transaction.atomic():
        proposal = _lock(proposal)
        if proposal.status not in IndicatorProposal.OPEN_STATUSES:
            raise ServiceError("Cette proposition a déjà été tranchée ou retirée.")
        previous = proposal.status
        proposal.status = Status.WITHDRAWN
        proposal.save()
        _event(proposal, previous, by)
    return proposal
