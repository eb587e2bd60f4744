from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms.memberships import InvitationAcceptForm, InvitationForm, JoinRequestForm
from ..models import Invitation
from ..services import ServiceError
from ..services import memberships as services


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
                f"Invitation envoyée à {invitation.email}. Le lien est valable 14 jours.",
            )
            return redirect("members:invitation_create", slug=structure.slug)
    pending = structure.invitations.pending().select_related("invited_by")
    return render(
        request,
        "members/invitation_form.html",
        {"structure": structure, "form": form, "pending": pending},
    )


@login_not_required
def invitation_accept(request, token):
    invitation = Invitation.objects.select_related("structure").filter(token=token).first()
    if invitation is None:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": "Ce lien d'invitation n'existe pas. Vérifiez qu'il a été copié en entier."},
            status=404,
        )
    try:
        services.invitation_check(invitation)
    except ServiceError as error:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": str(error)},
            status=410,
        )

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
            login(
                request,
                membership.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            messages.success(
                request,
                f"Bienvenue dans le réseau ! Vous êtes membre de {membership.structure}.",
            )
            return redirect("home")
    return render(
        request,
        "members/invitation_accept.html",
        {"invitation": invitation, "form": form},
    )


def _accept_as_logged_in_user(request, invitation):
    if request.method != "POST":
        return render(
            request,
            "members/invitation_accept.html",
            {"invitation": invitation, "form": None},
        )
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except ServiceError as error:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": str(error)},
            status=409,
        )
    messages.success(request, f"Vous êtes maintenant membre de {membership.structure}.")
    return redirect("home")


def join_request_create(request):
    if not permissions.can_ask_to_join(request.actor):
        messages.info(request, "Vous êtes déjà membre d'une structure.")
        return redirect("home")
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                user=request.user,
                structure=form.cleaned_data["structure"],
                message=form.cleaned_data["message"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Votre demande a été envoyée aux référent·es de la structure.")
            return redirect("home")
    return render(request, "members/join_request_form.html", {"form": form})


@require_POST
def join_request_decide(request, pk, decision):
    join_request = permissions.get_join_request_for_decision(request.actor, pk)
    service = services.join_request_accept if decision == "accepter" else services.join_request_refuse
    try:
        service(join_request=join_request, decided_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        verb = "acceptée" if decision == "accepter" else "refusée"
        messages.success(request, f"La demande de {join_request.user} a été {verb}.")
    return redirect(_safe_next(request))


def _safe_next(request):
    """Back to the page the decision was made on (home or the members page), never to another site."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("home")
