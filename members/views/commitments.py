"""A structure's commitments for the current review cycle: reading, starting, drafting, evidence, submission.

The commitments page is one form: the texts travel with every button (save, add or remove evidence, submit), and
each of those views saves them first, so that nothing typed is lost whichever button is pressed.
"""

import os

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from spro_portal.downloads import attachment
from spro_portal.form_errors import error_summary

from .. import permissions
from ..forms.commitments import CommitmentsDraftForm, EvidenceFileForm, EvidenceLinkForm, SubmitForm
from ..models import CharterVersion, CommitmentSet, ReviewCycle, Structure
from ..permissions import commitments as commitment_permissions
from ..services import ServiceError
from ..services import commitments as services

NO_CYCLE = "Aucun cycle de revue des engagements n'est ouvert : il n'y a rien à commencer."


@permissions.members_only
def commitments(request):
    """My structure's commitments for the current cycle."""
    return _page(request, request.actor.structure)


@permissions.members_only
def structure_commitments(request, slug):
    """A structure's commitments, for its members and the coordinators whose scope covers it."""
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not commitment_permissions.can_read_commitments(request.actor, structure):
        raise Http404("Structure introuvable.")
    return _page(request, structure)


def _page(request, structure):
    cycle = ReviewCycle.objects.current() if structure is not None else None
    commitment_set = services.commitment_set_find(structure=structure, cycle=cycle) if cycle else None
    return _render(request, structure=structure, cycle=cycle, commitment_set=commitment_set)


def _render(
    request,
    *,
    structure,
    cycle,
    commitment_set,
    draft_form=None,
    kept=None,
    theirs=None,
    item_errors=None,
    form_errors=(),
    evidence_form=None,
    submit_form=None,
    other_writer=None,
):
    """The commitments page. After an action that could not finish, the texts shown are the saved ones plus `kept`
    (what the person typed where it could not be saved), `theirs` the other writer's texts beside them, and the
    errors are gathered in a summary at the top."""
    can = commitment_permissions.commitment_abilities(request.actor, structure, commitment_set)
    context = {
        "structure": structure,
        "cycle": cycle,
        "commitment_set": commitment_set,
        "can": can,
        "problem": services.NO_CHARTER if can.start and CharterVersion.objects.current() is None else "",
        "page": None,
        "groups": [],
        "draft_form": None,
        "submit_form": None,
        "errors": [],
        "other_writer": other_writer,
    }
    if commitment_set is None:
        return render(request, "members/commitment_set_detail.html", context)
    page = services.commitment_set_page(commitment_set)
    rows = [{"commitment": commitment} for commitment in page.commitments]
    if can.edit:
        if draft_form is None:
            draft_form = CommitmentsDraftForm.of_saved(
                commitments=page.commitments, revision=commitment_set.revision, kept=kept
            )
            for message in form_errors:
                draft_form.add_error(None, message)
            for item_id, message in (item_errors or {}).items():
                draft_form.add_item_error(item_id, message)
        submit_form = submit_form or SubmitForm()
        theirs = theirs or {}
        for row in rows:
            commitment = row["commitment"]
            row["field"] = draft_form[draft_form.field_name(commitment)]
            row["base"] = draft_form[draft_form.base_name(commitment)]
            row["theirs"] = theirs.get(commitment.item_id)
            for form_class in (EvidenceLinkForm, EvidenceFileForm):
                mine = evidence_form is not None and evidence_form.commitment.pk == commitment.pk
                form = evidence_form if mine and isinstance(evidence_form, form_class) else None
                row[f"{form_class.kind}_form"] = form or form_class(commitment=commitment)
        context["errors"] = error_summary(draft_form, evidence_form, submit_form)
    context.update(
        {
            "page": page,
            "groups": services.group_by_category(rows, lambda row: row["commitment"].item),
            "draft_form": draft_form,
            "submit_form": submit_form,
        }
    )
    return render(request, "members/commitment_set_detail.html", context)


def _back(anchor):
    return redirect(reverse("members:commitments") + f"#{anchor}")


@require_POST
def commitments_start(request):
    """A referent starts the structure's commitments of the current cycle (a double click starts them once)."""
    structure = commitment_permissions.get_structure_for_start(request.actor)
    cycle = ReviewCycle.objects.current()
    if cycle is None:
        messages.error(request, NO_CYCLE)
        return _back("contenu")
    try:
        services.commitment_set_start(structure=structure, cycle=cycle)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Les engagements du cycle {cycle.year} sont ouverts : décrivez comment votre structure tient chacun "
            "d'eux, puis déposez-les.",
        )
    return _back("contenu")


def _get_set_for_edit(actor, pk):
    commitment_set = (
        CommitmentSet.objects.select_related("structure", "cycle", "charter_version", "updated_by", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if commitment_set is None or not commitment_permissions.can_read_commitments(actor, commitment_set.structure):
        raise Http404("Engagements introuvables.")
    commitment_permissions.ensure_can_edit_commitments(actor, commitment_set)
    return commitment_set


def _save_texts(request, commitment_set, *, optional=False):
    """Save the texts sent with any button of the page; `(form, None)` if they are not valid (nothing saved).

    `optional`: an evidence action sent without the texts (not from the page: a script) just does the action.
    """
    if optional and "draft-revision" not in request.POST:
        return None, services.DraftSaved(commitment_set=commitment_set, changed=0, others_saved=False, conflicts={})
    commitments = list(commitment_set.commitments.select_related("item"))
    form = CommitmentsDraftForm(request.POST, commitments=commitments, prefix="draft")
    if not form.is_valid():
        return form, None
    saved = services.commitment_set_save_draft(
        commitment_set=commitment_set,
        texts=form.texts(),
        bases=form.bases(),
        revision=form.cleaned_data["revision"],
        saved_by=request.user,
    )
    return form, saved


def _render_after_save(request, commitment_set, form, saved, **kwargs):
    """The page again, after the texts were saved (or refused): conflicts shown beside what the person typed."""
    if saved is None:
        kwargs["draft_form"] = form
    elif saved.conflicts:
        current = services.commitment_set_find(structure=commitment_set.structure, cycle=commitment_set.cycle)
        who = saved.other_writer or "Une autre personne"
        count = len(saved.conflicts)
        kwargs["form_errors"] = [
            f"{who} a enregistré ces engagements pendant que vous les modifiiez. Vos autres textes sont enregistrés ; "
            f"{count} engagement{'s' if count > 1 else ''} modifié{'s' if count > 1 else ''} des deux côtés "
            f"n'{'ont' if count > 1 else 'a'} pas été enregistré{'s' if count > 1 else ''} : choisissez le texte "
            "à garder, puis enregistrez.",
            *kwargs.get("form_errors", ()),
        ]
        texts = form.texts()
        kwargs["kept"] = {item_id: texts[item_id] for item_id in saved.conflicts}
        kwargs["theirs"] = saved.conflicts
        kwargs["other_writer"] = saved.other_writer
        kwargs["item_errors"] = {
            **dict.fromkeys(
                saved.conflicts,
                f"Modifié aussi par {saved.other_writer or 'une autre personne'} : "
                "comparez avec son texte et gardez le bon.",
            ),
            **kwargs.get("item_errors", {}),
        }
        commitment_set = current
    else:
        commitment_set = services.commitment_set_find(structure=commitment_set.structure, cycle=commitment_set.cycle)
    return _render(
        request,
        structure=commitment_set.structure,
        cycle=commitment_set.cycle,
        commitment_set=commitment_set,
        **kwargs,
    )


def _others_saved_note(saved):
    if saved is None or not saved.others_saved or saved.conflicts:
        return ""
    return " D'autres modifications enregistrées entre-temps par une autre personne sont gardées."


@require_POST
def commitments_save(request, pk):
    commitment_set = _get_set_for_edit(request.actor, pk)
    try:
        form, saved = _save_texts(request, commitment_set)
    except ServiceError as error:
        messages.error(request, str(error))
        return _back("contenu")
    if saved is None or saved.conflicts:
        return _render_after_save(request, commitment_set, form, saved)
    messages.success(request, "Brouillon enregistré." + _others_saved_note(saved))
    return _back("contenu")


@require_POST
def commitments_submit(request, pk):
    commitment_set = _get_set_for_edit(request.actor, pk)
    submit_form = SubmitForm(request.POST)
    try:
        form, saved = _save_texts(request, commitment_set)
        if saved is None or saved.conflicts:
            return _render_after_save(request, commitment_set, form, saved, submit_form=submit_form)
        if saved.others_saved:
            raise services.ConcurrentEditError(commitment_set=saved.commitment_set)
        if not submit_form.is_valid():
            return _render_after_save(request, commitment_set, form, saved, submit_form=submit_form)
        submission = services.commitment_set_submit(
            commitment_set=commitment_set, submitted_by=request.user, revision=saved.commitment_set.revision
        )
    except services.IncompleteCommitmentsError as error:
        item_errors = dict.fromkeys(error.item_ids, services.EMPTY_ITEM)
        return _render_after_save(request, commitment_set, form, saved, item_errors=item_errors)
    except services.ConcurrentEditError as error:
        return _render_after_save(request, commitment_set, form, saved, form_errors=[str(error)])
    except ServiceError as error:
        messages.error(request, str(error))
        return _back("contenu")
    messages.success(
        request,
        f"Engagements déposés (dépôt n° {submission.number}). La coordination est prévenue et va les relire.",
    )
    return _back("contenu")


def _evidence_add(request, pk, form_class, add):
    commitment = commitment_permissions.get_commitment_for_edit(request.actor, pk)
    commitment_set = commitment.commitment_set
    evidence_form = form_class(request.POST, request.FILES, commitment=commitment)
    try:
        form, saved = _save_texts(request, commitment_set, optional=True)
    except ServiceError as error:
        messages.error(request, str(error))
        return _back("contenu")
    if saved is not None and evidence_form.is_valid():
        try:
            add(commitment, evidence_form.cleaned_data)
        except ServiceError as error:
            evidence_form.add_error(list(evidence_form.fields)[-1], str(error))
        else:
            messages.success(request, f"Preuve ajoutée à l'engagement {commitment.item.code}.")
            if not saved.conflicts:
                return _back(f"engagement-{commitment.pk}")
    return _render_after_save(request, commitment_set, form, saved, evidence_form=evidence_form)


@require_POST
def evidence_add_link(request, pk):
    def add(commitment, data):
        services.evidence_add_link(commitment=commitment, label=data["label"], url=data["url"], added_by=request.user)

    return _evidence_add(request, pk, EvidenceLinkForm, add)


@require_POST
def evidence_add_file(request, pk):
    def add(commitment, data):
        services.evidence_add_file(
            commitment=commitment, label=data["label"], upload=data["file"], added_by=request.user
        )

    return _evidence_add(request, pk, EvidenceFileForm, add)


@require_POST
def evidence_remove(request, pk):
    evidence = commitment_permissions.get_evidence_for_removal(request.actor, pk)
    commitment_set = evidence.commitment.commitment_set
    try:
        form, saved = _save_texts(request, commitment_set, optional=True)
        if saved is None:
            return _render_after_save(request, commitment_set, form, saved)
        services.evidence_remove(evidence=evidence, removed_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return _back("contenu")
    messages.success(request, f"La preuve « {evidence.label} » a été retirée.")
    if saved.conflicts:
        return _render_after_save(request, commitment_set, form, saved)
    return _back(f"engagement-{evidence.commitment_id}")


def evidence_download(request, pk):
    evidence = commitment_permissions.get_evidence_for_download(request.actor, pk)
    return attachment(
        evidence.file,
        filename=os.path.basename(evidence.file.name),
        content_type=evidence.content_type,
        missing="Le fichier de cette preuve est introuvable.",
    )
