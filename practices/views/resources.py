"""The resource library: list, page, share, new version, edit, withdraw, reuse stories, downloads. Visitors read
public resources, so the reading views are open to them and the permissions decide what each person sees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from spro_portal.downloads import attachment
from spro_portal.pages import context_of
from spro_portal.shared_pages import render_shared
from spro_portal.uploads import limit_upload_size

from .. import signals
from ..forms.resources import ResourceForm, ResourceVersionForm, ReuseStoryForm
from ..pages import resources as pages
from ..permissions import members_only
from ..permissions import resources as permissions
from ..services import ServiceError
from ..services import resources as services


@login_not_required
def resources(request):
    """Shared by the readers who may read the same resources, until one is shared, edited, withdrawn, downloaded or
    reused, or a group's members or a name change (spro_portal.shared_pages)."""
    actor = request.actor
    return render_shared(
        request,
        "practices/resource_list.html",
        lambda: context_of(pages.library_page(actor, request)),
        kind="library",
        parts=lambda: (pages.reader_key(actor),),
        generations=("names", signals.LABELS, signals.LIBRARY, signals.LIBRARY_COUNTS),
    )


def _or_login(request, fetch, pk):
    """A visitor who follows a link to a resource of the network is asked to log in rather than told it is not
    there; a member gets the 404."""
    try:
        return fetch(request.actor, pk)
    except Http404:
        if request.actor.is_authenticated:
            raise
        return None


@login_not_required
def resource(request, pk):
    """Shared by the readers who may read the same resources and do the same with this one; who may read it is
    decided on its cached head, the resource itself read only when the page is built."""
    actor = request.actor
    resource = None
    head = pages.readable_head(actor, pk)
    if head is None:
        resource = head = _or_login(request, permissions.get_resource_for_reading, pk)
        if resource is None:
            return redirect_to_login(request.get_full_path())

    def context():
        full = resource or permissions.get_resource_for_reading(actor, pk)
        return _resource_context(actor, full, ReuseStoryForm())

    return render_shared(
        request,
        "practices/resource_detail.html",
        context,
        kind="resource",
        parts=lambda: pages.resource_reader_key(actor, head),
        generations=pages.RESOURCE_PAGE_GENERATIONS,
    )


def _resource_context(actor, resource, story_form):
    page = pages.resource_page(actor, resource)
    return context_of(page, story_form=story_form if page.can.tell_reuse else None)


def _render_resource(request, resource, story_form, status=200):
    context = _resource_context(request.actor, resource, story_form)
    return render(request, "practices/resource_detail.html", context, status=status)


def _oversized(request):
    return getattr(request, "oversized_uploads", ())


def _resource_form(request, actor, *, editing=None, initial=None):
    kwargs = {
        "groups": permissions.groups_to_share_with(actor),
        "derivable": permissions.resource_choices_for_derivation(actor),
        "editing": editing,
    }
    if request.method == "POST":
        return ResourceForm(request.POST, request.FILES, oversized=_oversized(request), **kwargs)
    return ResourceForm(initial=initial, **kwargs)


@limit_upload_size
@members_only
def resource_create(request):
    actor = request.actor
    initial = {"derived_from": request.GET.get("adaptee_de")} if request.GET.get("adaptee_de", "").isdigit() else {}
    form = _resource_form(request, actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource = services.resource_create(
                author=request.user,
                structure=actor.structure,
                url=data["url"],
                upload=data["file"] or None,
                note=data["note"],
                **form.description(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Votre ressource est partagée, avec sa licence et votre nom.")
            return redirect(resource)
    return render(request, "practices/resource_form.html", {"form": form, "resource": None})


@members_only
def resource_edit(request, pk):
    actor = request.actor
    resource = permissions.get_resource_for_edit(actor, pk)
    form = _resource_form(request, actor, editing=resource, initial=pages.resource_for_edit_initial(resource))
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_edit(
                resource=resource,
                url=form.cleaned_data.get("url", ""),
                **form.description(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "La ressource est modifiée.")
            return redirect(resource)
    return render(request, "practices/resource_form.html", {"form": form, "resource": resource})


@limit_upload_size
@members_only
def resource_add_version(request, pk):
    resource = permissions.get_resource_for_new_version(request.actor, pk)
    if request.method == "POST":
        form = ResourceVersionForm(request.POST, request.FILES, oversized=_oversized(request))
    else:
        form = ResourceVersionForm()
    if request.method == "POST" and form.is_valid():
        try:
            version = services.resource_add_version(
                resource=resource,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                added_by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"La version {version.number} est en ligne ; les précédentes restent disponibles."
            )
            return redirect(resource)
    return render(request, "practices/resource_version_form.html", {"form": form, "resource": resource})


@require_POST
@members_only
def resource_withdraw(request, pk):
    resource = permissions.get_resource_for_edit(request.actor, pk)
    services.resource_withdraw(resource=resource, withdrawn_by=request.user)
    messages.success(request, f"« {resource.title} » est retirée de la bibliothèque ; elle reste conservée.")
    return redirect("practices:resources")


@require_POST
@members_only
def reuse_story_create(request, pk):
    actor = request.actor
    resource = permissions.get_resource_for_reuse_story(actor, pk)
    form = ReuseStoryForm(request.POST)
    if form.is_valid():
        try:
            services.reuse_story_create(
                resource=resource, author=request.user, structure=actor.structure, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Merci : votre récit est publié et l'auteur·rice de la ressource en est averti·e."
            )
            return redirect(f"{resource.get_absolute_url()}#reutilisations")
    return _render_resource(request, resource, form, status=200)


@login_not_required
def resource_download(request, pk):
    version = _or_login(request, permissions.get_version_for_download, pk)
    if version is None:
        return redirect_to_login(request.get_full_path())
    # A file that may hold markup gets no type a browser could render, on top of being an attachment.
    content_type = "application/octet-stream" if version.may_hold_markup else version.content_type
    response = attachment(
        version.file,
        filename=version.original_name,
        content_type=content_type,
        missing="Le fichier de cette version est introuvable.",
    )
    services.download_record(version=version)  # counted once the file is there to hand out
    return response
