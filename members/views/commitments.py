"""A structure's commitments for the current review cycle: reading, drafting, evidence, submission, history."""

import os

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms.commitments import INCOMPLETE, CommitmentsDraftForm, EvidenceFileForm, EvidenceLinkForm, SubmitForm
from ..models import CommitmentSet, Structure
from ..permissions import commitments as commitment_permissions
from ..services import ServiceError
from ..services import commitments as services


@permissions.members_only
def commitments(request):
    """My structure's commitments for the current cycle (started on the first visit of a referent)."""
    actor = request.actor
    if actor.structure is None:
        return _render(request, structure=None, commitment_set=None, cycle=None)
    return _structure_page(request, actor.structure)


@permissions.members_only
def structure_commitments(request, slug):
    """A structure's commitments, for its members and the coordinators whose scope covers it."""
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=slug)
    if not commitment_permissions.can_read_commitments(request.actor, structure):
        raise Http404("Structure introuvable.")
    return _structure_page(request, structure)


def _structure_page(request, structure):
    cycle = services.current_review_cycle()
    commitment_set = None
    problem = ""
    if cycle is not None:
        commitment_set = services.commitment_set_find(structure=structure, cycle=cycle)
        if commitment_set is None and commitment_permissions.can_start_commitments(request.actor, structure):
            try:
                commitment_set = services.commitment_set_get_or_start(structure=structure, cycle=cycle)
            except ServiceError as error:
                problem = str(error)
    return _render(request, structure=structure, commitment_set=commitment_set, cycle=cycle, problem=problem)


def _render(
    request,
    *,
    structure,
    commitment_set,
    cycle,
    problem="",
    draft_form=None,
    conflict=None,
    bound_forms=None,
    status=200,
):
    actor = request.actor
    context = {
        "structure": structure,
        "cycle": cycle,
        "commitment_set": commitment_set,
        "problem": problem,
        "is_own_structure": structure is not None and actor.structure_id == structure.pk,
        "can_open_review": structure is not None and commitment_permissions.can_open_structure_review(actor, structure),
        "can_edit": False,
        "groups": [],
        "submissions": [],
        "draft_form": None,
        "submit_form": None,
        "conflict": bool(conflict),
    }
    if commitment_set is None:
        return render(request, "members/commitment_set_detail.html", context, status=status)
    page = services.commitment_set_page(commitment_set)
    can_edit = commitment_permissions.can_edit_commitments(actor, commitment_set)
    if can_edit and draft_form is None:
        draft_form = CommitmentsDraftForm(
            commitments=page.commitments, initial={"revision": commitment_set.revision}, prefix="draft"
        )
    bound_forms = bound_forms or {}
    conflict = conflict or {}
    rows = []
    for commitment in page.commitments:
        row = {"commitment": commitment, "field": None, "link_form": None, "file_form": None, "theirs": None}
        if can_edit:
            row["field"] = draft_form[draft_form.field_name(commitment)]
            row["link_form"] = bound_forms.get(("link", commitment.pk)) or EvidenceLinkForm(
                prefix=f"link-{commitment.pk}"
            )
            row["file_form"] = bound_forms.get(("file", commitment.pk)) or EvidenceFileForm(
                prefix=f"file-{commitment.pk}"
            )
            theirs = conflict.get(commitment.item_id)
            mine = (row["field"].value() or "").replace("\r\n", "\n").strip()
            if theirs is not None and theirs.strip() != mine:
                row["theirs"] = theirs
        rows.append(row)
    context.update(
        {
            "can_edit": can_edit,
            "groups": services.group_by_category(rows, lambda row: row["commitment"].item),
            "submissions": page.submissions,
            "draft_form": draft_form if can_edit else None,
            "submit_form": SubmitForm(initial={"revision": commitment_set.revision}) if can_edit else None,
        }
    )
    return render(request, "members/commitment_set_detail.html", context, status=status)


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


def _back(anchor=""):
    return redirect(reverse("members:commitments") + (f"#{anchor}" if anchor else ""))


@require_POST
def commitments_save(request, pk):
    commitment_set = _get_set_for_edit(request.actor, pk)
    commitments = list(commitment_set.commitments.select_related("item"))
    form = CommitmentsDraftForm(request.POST, commitments=commitments, prefix="draft")
    if form.is_valid():
        try:
            services.commitment_set_save_draft(
                commitment_set=commitment_set,
                texts=form.texts(),
                revision=form.cleaned_data["revision"],
                saved_by=request.user,
            )
        except services.ConcurrentEditError as error:
            # Keep what the person typed; take the current revision so their next save goes through.
            data = request.POST.copy()
            data["draft-revision"] = str(error.commitment_set.revision)
            form = CommitmentsDraftForm(data, commitments=commitments, prefix="draft")
            form.is_valid()
            form.add_error(None, str(error))
            commitment_set = error.commitment_set
            return _render(
                request,
                structure=commitment_set.structure,
                commitment_set=commitment_set,
                cycle=commitment_set.cycle,
                draft_form=form,
                conflict=error.texts,
            )
        except ServiceError as error:
            messages.error(request, str(error))
            return _back()
        messages.success(request, "Brouillon enregistré.")
        return _back()
    return _render(
        request,
        structure=commitment_set.structure,
        commitment_set=commitment_set,
        cycle=commitment_set.cycle,
        draft_form=form,
    )


@require_POST
def commitments_submit(request, pk):
    commitment_set = _get_set_for_edit(request.actor, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.get("confirm", [INCOMPLETE])[0])
        return _back("deposer")
    try:
        submission = services.commitment_set_submit(
            commitment_set=commitment_set, submitted_by=request.user, revision=form.cleaned_data["revision"]
        )
    except services.ConcurrentEditError as error:
        who = error.commitment_set.updated_by or "Une autre personne"
        messages.error(
            request,
            f"{who} a modifié ces engagements entre-temps : relisez-les avant de les déposer. Rien n'a été déposé.",
        )
        return _back()
    except ServiceError as error:
        messages.error(request, str(error))
        return _back("deposer")
    messages.success(
        request,
        f"Engagements déposés (dépôt n° {submission.number}). La coordination est prévenue et va les relire.",
    )
    return _back()


def _evidence_view(request, pk, kind):
    commitment = commitment_permissions.get_commitment_for_edit(request.actor, pk)
    commitment_set = commitment.commitment_set
    form_class = EvidenceLinkForm if kind == "link" else EvidenceFileForm
    form = form_class(request.POST, request.FILES, prefix=f"{kind}-{commitment.pk}")
    if form.is_valid():
        try:
            if kind == "link":
                services.evidence_add_link(commitment=commitment, added_by=request.user, **form.cleaned_data)
            else:
                services.evidence_add_file(
                    commitment=commitment,
                    label=form.cleaned_data["label"],
                    upload=form.cleaned_data["file"],
                    added_by=request.user,
                )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Preuve ajoutée à l'engagement {commitment.item.code}.")
            return _back(f"engagement-{commitment.pk}")
    return _render(
        request,
        structure=commitment_set.structure,
        commitment_set=services.commitment_set_find(structure=commitment_set.structure, cycle=commitment_set.cycle),
        cycle=commitment_set.cycle,
        bound_forms={(kind, commitment.pk): form},
    )


@require_POST
def evidence_add_link(request, pk):
    return _evidence_view(request, pk, "link")


@require_POST
def evidence_add_file(request, pk):
    return _evidence_view(request, pk, "file")


@require_POST
def evidence_remove(request, pk):
    evidence = commitment_permissions.get_evidence_for_removal(request.actor, pk)
    try:
        services.evidence_remove(evidence=evidence, removed_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"La preuve « {evidence.label} » a été retirée.")
    return _back(f"engagement-{evidence.commitment_id}")


def evidence_download(request, pk):
    evidence = commitment_permissions.get_evidence_for_download(request.actor, pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Le fichier de cette preuve est introuvable.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(evidence.file.name),
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
