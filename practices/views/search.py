"""The search page: bind the form, read the page, render. Any parameter is accepted: an invalid one is a French
message beside its field, never an error page."""

from django.shortcuts import render

from spro_portal.access import guard
from spro_portal.pages import context_of

from ..pages.search import search_page
from ..permissions.search import can_search

members_search = guard(can_search, "La recherche est réservée aux membres du réseau.")


@members_search
def search(request):
    return render(request, "practices/search.html", context_of(search_page(request.actor, request)))
