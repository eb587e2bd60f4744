import copy

from django.contrib import messages
from django.shortcuts import redirect, render

from spro_portal.pagination import paginate

from ..filters.structures import PeopleFilter
from ..forms.structures import ProfileForm
from ..permissions import members_only
from ..permissions import structures as permissions
from ..services import structures as services
from .structures import is_filtered

PEOPLE_PAGE_SIZE = 25


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
