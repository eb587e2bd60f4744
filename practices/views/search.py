"""The search page: bind the form, read the page, render. Any parameter is accepted: an invalid one is a French
message beside its field, never an error page."""

from spro_portal.access import guard
from spro_portal.pages import context_of
from spro_portal.shared_pages import render_shared

from .. import signals
from ..pages import forum as forum_pages
from ..pages import resources as resource_pages
from ..pages.search import FRESH_SECONDS, search_page
from ..permissions.search import can_search

members_search = guard(can_search, "La recherche est réservée aux membres du réseau.")

# What a results page shows besides its parameters and what its reader may read: names and labels, and the topics,
# posts and resources searched (a new post or resource is found at once).
SEARCH_GENERATIONS = ("names", signals.LABELS, signals.TOPICS, signals.ACTIVITY, signals.LIBRARY)


@members_search
def search(request):
    """Shared by the readers who may read the same topics, posts and resources (and get the same bylines), for a
    minute at most (spro_portal.shared_pages)."""
    actor = request.actor
    return render_shared(
        request,
        "practices/search.html",
        lambda: context_of(search_page(actor, request)),
        kind="search",
        parts=lambda: (forum_pages.reader_key(actor), resource_pages.reader_key(actor)),
        generations=SEARCH_GENERATIONS,
        timeout=FRESH_SECONDS,
    )
