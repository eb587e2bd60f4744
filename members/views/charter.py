"""The charter: the version in force, past versions, drafting and publishing (regional), signing (referents)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms.charter import CharterVersionForm, CommitmentItemFormSet, PublishForm, SignForm, item_initial
from ..models import CharterSignature, CharterVersion
from ..permissions import charter as charter_permissions
from ..services import ServiceError
from ..services import charter as services
from ..services.commitments import group_by_category


def _item_groups(version):
    return group_by_category(list(version.items.all()), lambda item: item)


@permissions.members_only
def charter(request):
    actor = request.actor
    current = CharterVersion.objects.current()
    visible = charter_permissions.charter_versions_visible_to(actor).select_related("published_by")
    versions = list(visible.published())
    drafts = (
        list(visible.filter(status=CharterVersion.Status.DRAFT)) if charter_permissions.can_read_drafts(actor) else []
    )
    signatures = []
    if actor.structure:
        signatures = list(
            CharterSignature.objects.filter(structure_id=actor.structure_id).select_related("version", "signed_by")
        )
    current_signature = next((s for s in signatures if current and s.version_id == current.pk), None)
    can_sign = current is not None and current_signature is None and charter_permissions.can_sign_charter(actor)
    return render(
        request,
        "members/charter_current.html",
        {
            "current": current,
            "groups": _item_groups(current) if current else [],
            "versions": versions,
            "drafts": drafts,
            "signatures": signatures,
            "current_signature": current_signature,
            "sign_form": SignForm() if can_sign else None,
            "can_manage": charter_permissions.can_manage_charter(actor),
        },
    )


@permissions.members_only
def charter_version_detail(request, pk):
    actor = request.actor
    version = charter_permissions.get_charter_version_for_reading(actor, pk)
    return render(
        request,
        "members/charter_version_detail.html",
        {
            "version": version,
            "groups": _item_groups(version),
            "is_current": version == CharterVersion.objects.current(),
            "can_edit": charter_permissions.can_edit_charter_version(actor, version),
            "can_copy": charter_permissions.can_manage_charter(actor) and version.is_published,
            "publish_form": PublishForm() if charter_permissions.can_publish_charter_version(actor, version) else None,
        },
    )


@permissions.members_only
def charter_version_create(request):
    charter_permissions.ensure_can_manage_charter(request.actor)
    data = request.POST if request.method == "POST" else None
    form = CharterVersionForm(data)
    formset = CommitmentItemFormSet(data, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            version = services.charter_version_create(
                **form.cleaned_data, items=formset.items(), created_by=request.user
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Brouillon créé. Relisez l'aperçu, puis publiez-le quand il est prêt.")
            return redirect("members:charter_version_detail", pk=version.pk)
    return render(request, "members/charter_version_form.html", {"form": form, "formset": formset, "version": None})


@permissions.members_only
def charter_version_update(request, pk):
    version = charter_permissions.get_charter_version_for_edit(request.actor, pk)
    if not charter_permissions.can_edit_charter_version(request.actor, version):
        messages.error(request, services.PUBLISHED_IS_FROZEN)
        return redirect("members:charter_version_detail", pk=version.pk)
    if request.method == "POST":
        form = CharterVersionForm(request.POST)
        formset = CommitmentItemFormSet(request.POST, prefix="items", initial=item_initial(version))
    else:
        form = CharterVersionForm(initial=CharterVersionForm.initial_from(version))
        formset = CommitmentItemFormSet(prefix="items", initial=item_initial(version))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.charter_version_update(version=version, **form.cleaned_data, items=formset.items())
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Brouillon enregistré.")
            return redirect("members:charter_version_detail", pk=version.pk)
    return render(request, "members/charter_version_form.html", {"form": form, "formset": formset, "version": version})


@require_POST
@permissions.members_only
def charter_version_publish(request, pk):
    version = charter_permissions.get_charter_version_for_edit(request.actor, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cochez la case pour confirmer la publication.")
        return redirect("members:charter_version_detail", pk=version.pk)
    try:
        services.charter_version_publish(version=version, published_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"« {version.title} » est publiée. Elle ne sera plus modifiée.")
    return redirect("members:charter_version_detail", pk=version.pk)


@require_POST
@permissions.members_only
def charter_version_copy(request, pk):
    source = charter_permissions.get_charter_version_for_edit(request.actor, pk)
    version = services.charter_version_copy(source=source, created_by=request.user)
    messages.success(request, f"Nouveau brouillon créé à partir de « {source.title} » : modifiez-le librement.")
    return redirect("members:charter_version_update", pk=version.pk)


@require_POST
@permissions.members_only
def charter_sign(request):
    actor = request.actor
    charter_permissions.ensure_can_sign_charter(actor)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return redirect("members:charter")
    version = CharterVersion.objects.current()
    try:
        services.charter_sign(structure=actor.structure, version=version, signed_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Merci : {actor.structure} a signé « {version.title} ».")
    return redirect("members:charter")
