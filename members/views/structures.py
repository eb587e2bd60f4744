from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from spro_portal.pagination import paginate

from ..filters.structures import StructureFilter
from ..forms.structures import LabelStatusForm, StructureProfileForm
from ..permissions import can_manage_structure_members
from ..permissions import structures as permissions
from ..services import ServiceError
from ..services import structures as services

DIRECTORY_PAGE_SIZE = 20


@login_not_required
def structure_directory(request):
    structure_filter = StructureFilter(
        request.GET,
        queryset=permissions.structures_in_public_directory()
        .select_related("territory")
        .prefetch_related("missions")
        .order_by("name", "pk"),
    )
    return render(
        request,
        "members/structure_directory.html",
        {
            "filter": structure_filter,
            "is_filtered": is_filtered(request, structure_filter),
            "pages": paginate(request, structure_filter.qs, DIRECTORY_PAGE_SIZE),
        },
    )


@login_not_required
def structure_detail(request, slug):
    actor = request.actor
    structure = permissions.get_structure_for_view(actor, slug)
    can_see_history = permissions.can_see_label_history(actor, structure)
    return render(
        request,
        "members/structure_detail.html",
        {
            "structure": structure,
            "can": {
                "edit_profile": permissions.can_edit_structure_profile(actor, structure),
                "manage_members": can_manage_structure_members(actor, structure),
                "change_label": permissions.can_change_label_status(actor, structure),
                "see_label_history": can_see_history,
            },
            "label_history": list(permissions.label_history_visible_to(actor, structure)) if can_see_history else [],
        },
    )


def structure_edit(request, slug):
    structure = permissions.get_structure_for_profile_edit(request.actor, slug)
    form = StructureProfileForm(request.POST if request.method == "POST" else None, instance=structure)
    if request.method == "POST" and form.is_valid():
        services.structure_update_profile(
            structure=structure,
            **{name: form.cleaned_data[name] for name in StructureProfileForm.Meta.fields},
            updated_by=request.user,
        )
        messages.success(request, "Le profil de la structure est enregistré.")
        return redirect(structure)
    return render(request, "members/structure_edit.html", {"structure": structure, "form": form})


def structure_label(request, slug):
    structure = permissions.get_structure_for_label_change(request.actor, slug)
    form = LabelStatusForm(request.POST if request.method == "POST" else None, structure=structure)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.structure_change_label_status(
                structure=structure,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{structure.name} est maintenant au statut « {change.get_to_status_display()} ». "
                "Ses référent·es sont prévenu·es par e-mail.",
            )
            return redirect(structure)
    return render(
        request,
        "members/structure_label.html",
        {
            "structure": structure,
            "form": form,
            "label_history": list(permissions.label_history_visible_to(request.actor, structure)),
        },
    )


def is_filtered(request, filterset):
    return any(request.GET.get(name) for name in filterset.filters)
