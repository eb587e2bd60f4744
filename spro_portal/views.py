from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import composition
from .dates import long_datetime


@login_not_required
def home(request):
    """Visitors get the landing page; members their « À traiter », gathered from every app."""
    if not request.actor.is_authenticated:
        return render(request, "spro_portal/home_public.html", {"figures": composition.landing_figures()})
    return render(request, "spro_portal/home_member.html", {"todos": composition.todos(request.actor)})


def csrf_failure(request, reason=""):
    """The portal's own page for an expired or missing CSRF token, in French and in the layout."""
    return render(request, "403_csrf.html", status=403)


@require_GET
def session_status(request):
    """A few bytes saying that this person's session is open, and until when: a page with a long form can ask
    before sending it, and a monitoring probe (or the load benchmark) can check that logging in works end to end.
    Anonymous people are sent to the login page like everywhere else."""
    expires = long_datetime(request.session.get_expiry_date())
    return HttpResponse(f"Session ouverte jusqu'au {expires}.\n", content_type="text/plain; charset=utf-8")
