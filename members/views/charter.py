"""The charter: the version in force, past versions, drafting and publishing (regional), signing (referents)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pages import context_of

from .. import permissions
from ..forms.charter import CharterVersionForm, CommitmentItemFormSet, PublishForm, SignForm, item_initial
from ..models import CharterVersion
from ..pages.charter import charter_page, charter_version_page
from ..permissions import charter as charter_permissions
from ..services import ServiceError
from ..services import charter as services


@permissions.members_only
def charter(request):
    page = charter_page(request.actor)
    return render(
        request,
        "members/charter_current.html",
        context_of(page, sign_form=SignForm() if page.can.sign else None),
    )


@permissions.members_only
def charter_version_detail(request, pk):
    version = charter_permissions.get_charter_version_for_reading(request.actor, pk)
    page = charter_version_page(request.actor, version)
    return render(
        request,
        "members/charter_version_detail.html",
        context_of(page, publish_form=PublishForm() if page.can.publish_version else None),
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
