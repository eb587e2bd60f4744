"""Structures and people: the public directory and pages of structures, their profile and label status, the
people directory and a person's own profile."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from spro_portal.pagination import paginate

from ..filters.structures import PeopleFilter, StructureFilter
from ..forms.structures import LabelStatusForm, ProfileForm, StructureProfileForm
from ..permissions import members_only
from ..permissions import structures as permissions
from ..services import ServiceError
from ..services import structures as services

DIRECTORY_PAGE_SIZE = 20
PEOPLE_PAGE_SIZE = 25


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
    structure = permissions.get_structure_for_view(request.actor, slug)
    return render(
        request,
        "members/structure_detail.html",
        {
            "structure": structure,
            "can": permissions.structure_abilities(request.actor, structure),
            "label_history": list(permissions.label_history_visible_to(request.actor, structure)),
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


@members_only
def people_directory(request):
    people_filter = PeopleFilter(request.GET, queryset=permissions.people_visible_to(request.actor))
    return render(
        request,
        "members/people_directory.html",
        {
            "filter": people_filter,
            "is_filtered": is_filtered(request, people_filter),
            "pages": paginate(request, people_filter.qs, PEOPLE_PAGE_SIZE),
        },
    )


def profile_edit(request):
    # The form works on a copy, so a refused submission does not show the half-typed name in the page header.
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=copy.copy(request.user))
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields},
        )
        messages.success(request, "Votre profil est enregistré.")
        return redirect("members:profile_edit")
    return render(
        request,
        "members/profile_edit.html",
        {"form": form, "has_expertise_areas": form.fields["expertise"].queryset.exists()},
    )


def is_filtered(request, filterset):
    return any(request.GET.get(name) for name in filterset.filters)
