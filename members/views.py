from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import permissions, services
from .forms import InvitationAcceptForm, InvitationForm, JoinRequestForm
from .models import Invitation, JoinRequest, Structure


@login_not_required
def home(request):
    actor = request.actor
    if not actor.is_authenticated:
        labelled = Structure.objects.labelled()
        return render(
            request,
            "members/home_public.html",
            {
                "structure_count": labelled.count(),
                "territory_count": labelled.values("territory").distinct().count(),
            },
        )
    pending_requests = JoinRequest.objects.filter(
        user=actor.user, status=JoinRequest.Status.PENDING
    ).select_related("structure")
    return render(
        request,
        "members/home_member.html",
        {
            "join_requests_to_decide": permissions.join_requests_visible_to(actor)[:20],
            "my_pending_requests": pending_requests,
            "can_ask_to_join": permissions.can_ask_to_join(actor),
        },
    )


@login_not_required
def structure_directory(request):
    structures = Structure.objects.labelled().select_related("territory")
    return render(
        request, "members/structure_directory.html", {"structures": structures}
    )


@login_not_required
def structure_detail(request, slug):
    structure = get_object_or_404(
        Structure.objects.select_related("territory"), slug=slug
    )
    if (
        structure.label_status != Structure.LabelStatus.LABELLED
        and not request.actor.is_member
    ):
        return render(request, "404.html", status=404)
    return render(
        request,
        "members/structure_detail.html",
        {
            "structure": structure,
            "can_manage_members": permissions.can_manage_structure_members(
                request.actor, structure
            ),
        },
    )


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
        except services.ServiceError as error:
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
    invitation = (
        Invitation.objects.select_related("structure").filter(token=token).first()
    )
    if invitation is None:
        return render(
            request,
            "members/invitation_invalid.html",
            {
                "reason": "Ce lien d'invitation n'existe pas. Vérifiez qu'il a été copié en entier."
            },
            status=404,
        )
    try:
        services.invitation_check(invitation)
    except services.ServiceError as error:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": str(error)},
            status=410,
        )

    if request.user.is_authenticated:
        return _accept_as_logged_in_user(request, invitation)

    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None, invitation=invitation
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.ServiceError as error:
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
            return redirect("members:home")
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
        membership = services.invitation_accept(
            invitation=invitation, user=request.user
        )
    except services.ServiceError as error:
        return render(
            request,
            "members/invitation_invalid.html",
            {"reason": str(error)},
            status=409,
        )
    messages.success(request, f"Vous êtes maintenant membre de {membership.structure}.")
    return redirect("members:home")


def join_request_create(request):
    if not permissions.can_ask_to_join(request.actor):
        messages.info(request, "Vous êtes déjà membre d'une structure.")
        return redirect("members:home")
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                user=request.user,
                structure=form.cleaned_data["structure"],
                message=form.cleaned_data["message"],
            )
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Votre demande a été envoyée aux référent·es de la structure."
            )
            return redirect("members:home")
    return render(request, "members/join_request_form.html", {"form": form})


@require_POST
def join_request_decide(request, pk, decision):
    join_request = permissions.get_join_request_for_decision(request.actor, pk)
    service = (
        services.join_request_accept
        if decision == "accepter"
        else services.join_request_refuse
    )
    try:
        service(join_request=join_request, decided_by=request.user)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        verb = "acceptée" if decision == "accepter" else "refusée"
        messages.success(request, f"La demande de {join_request.user} a été {verb}.")
    return redirect("members:home")


@permissions.members_only
def people_directory(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Annuaire des personnes", "what": _COMING["annuaire"]},
    )


@permissions.members_only
def charter(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Charte du SPRO", "what": _COMING["charte"]},
    )


@permissions.coordinators_only
def coordination(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Coordination", "what": _COMING["coordination"]},
    )


_COMING = {
    "annuaire": "Retrouvez les conseiller·ères du réseau, leur structure et leurs domaines d'expertise, "
    "pour trouver le ou la collègue qui complète vos compétences.",
    "charte": "Lisez la charte du SPRO, signez la version en vigueur pour votre structure et décrivez "
    "comment vous tenez chacun de vos engagements.",
    "coordination": "La file de revue des engagements, les statuts de labellisation, la vue d'ensemble par "
    "territoire et la vie du réseau.",
}
