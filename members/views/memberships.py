"""Membership management: a structure's referents, and coordinators in scope, manage its people."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from spro_portal.dates import long_date
from spro_portal.pagination import paginate

from ..actor import build_actor
from ..forms.memberships import MembershipRoleForm
from ..permissions import memberships as permissions
from ..services import ServiceError
from ..services import memberships as services

PAGE_SIZE = 25


def membership_list(request, slug):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    last_referent_pk = permissions.last_referent_id(structure)
    members = paginate(
        request, permissions.active_memberships_for_management(structure), PAGE_SIZE, param="page", anchor="membres"
    )
    rows = [
        {
            "membership": membership,
            "is_me": membership.user_id == request.user.pk,
            "can_step_down": permissions.can_step_down(membership, last_referent_pk),
            "role_form": MembershipRoleForm(
                initial={"role": membership.role},
                auto_id=f"role-{membership.pk}-%s",
            ),
        }
        for membership in members.page
    ]
    return render(
        request,
        "members/membership_list.html",
        {
            "structure": structure,
            "members": members,
            "member_rows": rows,
            "former": paginate(
                request,
                permissions.former_memberships_for_management(structure),
                PAGE_SIZE,
                param="anciens",
                anchor="anciens-membres",
            ),
            "invitations": paginate(
                request,
                permissions.open_invitations_for_management(structure),
                PAGE_SIZE,
                param="invitations",
                anchor="invitations",
            ),
            "join_requests": paginate(
                request,
                permissions.pending_join_requests_for_management(structure),
                PAGE_SIZE,
                param="demandes",
                anchor="demandes",
            ),
            "next_url": request.get_full_path(),
        },
    )


@require_POST
def membership_change_role(request, slug, pk):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    membership = permissions.get_membership_for_management(request.actor, structure, pk)
    if not permissions.can_change_membership_role(request.actor, membership):
        messages.error(request, f"{membership.user} ne fait plus partie de {structure} : réactivez-la d'abord.")
        return _back_to_list(structure)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["role"]))
        return _back_to_list(structure)
    try:
        membership = services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], changed_by=request.user
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return _back_to_list(structure)
    messages.success(request, f"{membership.user} est maintenant {membership.get_role_display().lower()}.")
    return _after_change(request, structure, membership)


@require_http_methods(["GET", "POST"])
def membership_deactivate(request, slug, pk):
    """GET asks for confirmation (no JavaScript needed), POST deactivates."""
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    membership = permissions.get_membership_for_management(request.actor, structure, pk)
    if request.method == "POST":
        try:
            membership = services.membership_deactivate(membership=membership, changed_by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
            return _back_to_list(structure)
        messages.success(
            request,
            f"{membership.user} ne fait plus partie de {structure}. Ses messages et ressources restent en ligne.",
        )
        return _after_change(request, structure, membership)
    if not membership.is_active:
        messages.info(request, f"{membership.user} ne fait déjà plus partie de {structure}.")
        return _back_to_list(structure)
    return render(
        request,
        "members/membership_deactivate.html",
        {
            "structure": structure,
            "membership": membership,
            "is_me": membership.user_id == request.user.pk,
            "can_step_down": permissions.can_step_down(membership, permissions.last_referent_id(structure)),
        },
    )


@require_POST
def membership_reactivate(request, slug, pk):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    membership = permissions.get_membership_for_management(request.actor, structure, pk)
    try:
        membership = services.membership_reactivate(membership=membership, reactivated_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.user} fait de nouveau partie de {structure}, comme conseiller·ère.")
    return _back_to_list(structure)


@require_POST
def invitation_resend(request, slug, pk):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    invitation = permissions.get_invitation_for_management(request.actor, structure, pk)
    try:
        invitation = services.invitation_resend(invitation=invitation, resent_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Invitation renvoyée à {invitation.email}, avec un nouveau lien valable jusqu'au "
            f"{long_date(invitation.expires_at)}. L'ancien lien ne fonctionne plus.",
        )
    return _back_to_list(structure, "invitations")


@require_POST
def invitation_revoke(request, slug, pk):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    invitation = permissions.get_invitation_for_management(request.actor, structure, pk)
    try:
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"L'invitation de {invitation.email} est annulée : son lien ne fonctionne plus.")
    return _back_to_list(structure, "invitations")


def _back_to_list(structure, anchor="membres"):
    return redirect(f"{reverse('members:membership_list', args=[structure.slug])}#{anchor}")


def _after_change(request, structure, membership):
    """Back to the list, unless the person just gave up managing it (a referent stepping down)."""
    if membership.user_id == request.user.pk and not permissions.can_manage_structure_members(
        build_actor(request.user), structure
    ):
        return redirect("home")
    return _back_to_list(structure)
