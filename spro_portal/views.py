from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from . import composition


@login_not_required
def home(request):
    """Visitors get the landing page; members their « À traiter », gathered from every app."""
    if not request.actor.is_authenticated:
        return render(request, "spro_portal/home_public.html", {"figures": composition.landing_figures()})
    return render(request, "spro_portal/home_member.html", {"todos": composition.todos(request.actor)})


def csrf_failure(request, reason=""):
    """The portal's own page for an expired or missing CSRF token, in French and in the layout."""
    return render(request, "403_csrf.html", status=403)
