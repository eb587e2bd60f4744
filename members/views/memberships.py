"""Who belongs to a structure: its members page, invitations, and join requests.

A structure's referents, and coordinators in scope, manage its people; a visitor accepts an invitation; a person
without a structure asks to join one.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from spro_portal.dates import long_date
from spro_portal.pagination import paginate
from spro_portal.redirects import safe_next

from ..actor import build_actor
from ..forms.memberships import InvitationAcceptForm, InvitationForm, JoinRequestForm, MembershipRoleForm
from ..models import Invitation
from ..permissions import can_ask_to_join
from ..permissions import memberships as permissions
from ..services import ServiceError
from ..services import memberships as services

PAGE_SIZE = 25

# -- Memberships: the members page, roles, leaving and coming back --


def membership_list(request, slug):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    last_referent_pk = permissions.last_referent_id(structure.pk)
    members = paginate(
        request, permissions.active_memberships_for_management(structure), PAGE_SIZE, param="page", anchor="membres"
    )
    rows = [
        {
            "membership": membership,
            "is_me": membership.user_id == request.user.pk,
            "can": permissions.membership_abilities(request.actor, membership, last_referent_pk),
            "role_form": MembershipRoleForm(initial={"role": membership.role}, auto_id=f"role-{membership.pk}-%s"),
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
            "can": permissions.membership_abilities(request.actor, membership),
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


def _back_to_list(structure, anchor="membres"):
    return redirect(f"{reverse('members:membership_list', args=[structure.slug])}#{anchor}")


def _after_change(request, structure, membership):
    """Back to the list, unless the person just gave up managing it (a referent stepping down)."""
    if membership.user_id == request.user.pk and not permissions.can_manage_structure_members(
        build_actor(request.user), structure
    ):
        return redirect("home")
    return _back_to_list(structure)


# -- Invitations: sent by those who manage a structure, accepted through their link --


def invitation_create(request, slug):
    structure = permissions.get_structure_for_member_management(request.actor, slug)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                structure=structure,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Invitation envoyée à {invitation.email}. Le lien est valable jusqu'au "
                f"{long_date(invitation.expires_at)}.",
            )
            return redirect("members:invitation_create", slug=structure.slug)
    pending = structure.invitations.pending().select_related("invited_by")
    return render(request, "members/invitation_form.html", {"structure": structure, "form": form, "pending": pending})


@login_not_required
def invitation_accept(request, token):
    invitation = Invitation.objects.select_related("structure").filter(token=token).first()
    if invitation is None:
        return _invitation_invalid(
            request, "Ce lien d'invitation n'existe pas. Vérifiez qu'il a été copié en entier.", 404
        )
    try:
        services.invitation_check(invitation)
    except ServiceError as error:
        return _invitation_invalid(request, str(error), 410)

    if request.user.is_authenticated:
        return _accept_as_logged_in_user(request, invitation)

    form = InvitationAcceptForm(request.POST if request.method == "POST" else None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Bienvenue dans le réseau ! Vous êtes membre de {membership.structure}.")
            return redirect("home")
    return render(request, "members/invitation_accept.html", {"invitation": invitation, "form": form})


def _accept_as_logged_in_user(request, invitation):
    if request.method != "POST":
        return render(request, "members/invitation_accept.html", {"invitation": invitation, "form": None})
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except ServiceError as error:
        return _invitation_invalid(request, str(error), 409)
    messages.success(request, f"Vous êtes maintenant membre de {membership.structure}.")
    return redirect("home")


def _invitation_invalid(request, reason, status):
    return render(request, "members/invitation_invalid.html", {"reason": reason}, status=status)


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


# -- Join requests: asked by a person without a structure, decided by those who manage it --


def join_request_create(request):
    if not can_ask_to_join(request.actor):
        messages.info(request, "Vous êtes déjà membre d'une structure.")
        return redirect("home")
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                user=request.user, structure=form.cleaned_data["structure"], message=form.cleaned_data["message"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Votre demande a été envoyée aux référent·es de la structure.")
            return redirect("home")
    return render(request, "members/join_request_form.html", {"form": form})


@require_POST
def join_request_accept(request, pk):
    return _decide(request, pk, services.join_request_accept, "acceptée")


@require_POST
def join_request_refuse(request, pk):
    return _decide(request, pk, services.join_request_refuse, "refusée")


def _decide(request, pk, service, verb):
    join_request = permissions.get_join_request_for_decision(request.actor, pk)
    try:
        service(join_request=join_request, decided_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"La demande de {join_request.user} a été {verb}.")
    # Back to the page the decision was made on (home or the members page).
    return redirect(safe_next(request, "home"))
