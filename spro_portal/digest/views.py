"""The person's e-mail preferences, the no-login unsubscribe link, and the digest « dans le navigateur »."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import periods, permissions, preferences, services, tokens
from .forms import PreferenceForm

TAMPERED = (
    "Ce lien de désabonnement n'est pas valable : il a peut-être été coupé ou modifié. Copiez le lien complet "
    "depuis l'e-mail, ou changez vos préférences après vous être connecté·e."
)
EXPIRED = "Ce lien de désabonnement a expiré. Connectez-vous pour changer vos préférences d'e-mails."


def preferences_edit(request):
    form = PreferenceForm(request.POST or None, instance=preferences.preference_of(request.user))
    if request.method == "POST" and form.is_valid():
        preferences.preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Vos préférences d'e-mails sont enregistrées.")
        return redirect("digest:preferences")
    return render(request, "digest/preferences.html", {"form": form})


@login_not_required
@csrf_exempt  # the signed token authenticates the request; mail clients' RFC 8058 one-click POST has no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id = tokens.read(token)
    except signing.SignatureExpired:
        return render(request, "digest/unsubscribe_invalid.html", {"reason": EXPIRED}, status=400)
    except signing.BadSignature:
        return render(request, "digest/unsubscribe_invalid.html", {"reason": TAMPERED}, status=400)
    person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        return render(request, "digest/unsubscribe_invalid.html", {"reason": TAMPERED}, status=400)
    if request.method == "POST":
        preferences.unsubscribe(user_id=person.pk)
        return render(request, "digest/unsubscribe_done.html", {"person": person})
    return render(request, "digest/unsubscribe_confirm.html", {"person": person, "token": token})


def browser(request, period):
    """The logged-in person's own digest; staff may add ?personne=<id> to preview anyone's."""
    try:
        period = periods.parse(period)
    except periods.PeriodError as error:
        raise Http404(str(error)) from error
    person = permissions.get_digest_person(request.user, request.GET.get("personne"))
    digest = services.build(person, period)
    return render(
        request,
        "digest/browser.html",
        {"digest": digest, "period": period, "person": person, "preview": person != request.user},
    )
