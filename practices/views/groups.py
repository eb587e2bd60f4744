"""Working groups: the list, a group's page, joining (or asking to), leaving, deciding on requests."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pages import context_of

from ..forms.groups import GroupDecisionForm, GroupJoinRequestForm
from ..pages import groups as pages
from ..pages import notifications as notification_pages
from ..permissions import groups as permissions
from ..permissions import members_only
from ..services import ServiceError
from ..services import groups as services


@members_only
def groups(request):
    return render(request, "practices/group_list.html", context_of(pages.group_list_page(request.actor)))


@members_only
def group(request, slug):
    group = permissions.get_group(request.actor, slug)
    page = pages.group_page(request.actor, request, group)
    return render(
        request,
        "practices/group_detail.html",
        context_of(
            page,
            request_form=GroupJoinRequestForm() if page.can.request else None,
            watch=notification_pages.watch_box(request.actor, working_group=group) if page.can.read else None,
        ),
    )


@require_POST
@members_only
def group_join(request, slug):
    actor = request.actor
    group = permissions.get_group_for_joining(actor, slug)
    if permissions.join_needs_request(actor, group):
        form = GroupJoinRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["message"][0])
            return redirect(group)
        try:
            services.group_request_create(group=group, user=request.user, message=form.cleaned_data["message"])
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Votre demande est envoyée : vous verrez le groupe dès qu'elle sera acceptée.")
        return redirect(group)
    services.group_join(group=group, user=request.user)
    messages.success(request, f"Vous avez rejoint le groupe « {group.name} ».")
    return redirect(group)


@require_POST
@members_only
def group_leave(request, slug):
    group = permissions.get_group(request.actor, slug)
    services.group_leave(group=group, user=request.user)
    messages.success(request, f"Vous avez quitté le groupe « {group.name} ».")
    return redirect(group)


@require_POST
@members_only
def group_decide(request, slug, pk):
    group = permissions.get_group(request.actor, slug)
    join_request = permissions.get_join_request_for_decision(request.actor, group, pk)
    form = GroupDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez d'accepter ou de refuser la demande.")
        return redirect(group)
    accepted = form.cleaned_data["decision"] == "accept"
    decide = services.group_request_accept if accepted else services.group_request_refuse
    try:
        decide(join_request=join_request, decided_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        name = join_request.user.get_full_name() or join_request.user.email
        messages.success(request, f"{name} {'fait maintenant partie du groupe' if accepted else ': demande refusée'}.")
    return redirect(group)
