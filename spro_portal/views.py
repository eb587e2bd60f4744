from django.shortcuts import render


def csrf_failure(request, reason=""):
    """The portal's own page for an expired or missing CSRF token, in French and in the layout."""
    return render(request, "403_csrf.html", status=403)
