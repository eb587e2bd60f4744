"""Closing one's account, and the coordination's confirmation of a last referent's request."""

from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms.accounts import AccountCloseForm
from ..models import Membership
from ..permissions import accounts as permissions
from ..services import accounts as services


def account_close(request):
    person = request.user
    form = AccountCloseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        if services.account_close_request(person=person):
            logout(request)
            messages.success(request, "Votre compte est fermé. Merci pour ce que vous avez apporté au réseau.")
            return redirect("home")
        messages.success(
            request,
            "Votre demande est envoyée à la coordination du SPRO : vous êtes le ou la dernière référent·e de votre "
            "structure, elle confirmera la fermeture.",
        )
        return redirect("members:account_close")
    return render(
        request,
        "members/account_close.html",
        {
            "form": form,
            "needs_confirmation": permissions.is_last_referent(person),
            "requested": person.closure_requested_at is not None,
        },
    )


@permissions.closure_confirmers_only
def account_closures(request):
    active = Membership.objects.active().select_related("structure")
    people = permissions.closures_awaiting(request.actor).prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active_memberships")
    )
    return render(request, "members/account_closures.html", {"people": people.order_by("closure_requested_at")})


@permissions.closure_confirmers_only
@require_POST
def account_closure_confirm(request, pk):
    person = permissions.get_closure_for_confirmation(request.actor, pk)
    services.account_close(person=person, by=request.user)
    messages.success(request, "Le compte est fermé. Pensez à nommer un·e nouveau·elle référent·e pour la structure.")
    return redirect("members:account_closures")
