"""One way to cut a list into pages, for every list of the portal.

A bad page number ("x", "0", "999") shows the first or last page instead of an error, and the links keep the
other query parameters (filters), so a filtered list stays filtered from page to page.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for the "…" between distant pages
    url: str = ""
    is_current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: object  # django.core.paginator.Page: iterate it for the rows
    links: list
    previous_url: str | None
    next_url: str | None

    def __iter__(self):
        return iter(self.page)

    @property
    def paginator(self):
        return self.page.paginator


def paginate(request, queryset, per_page, *, param="page", anchor="", count=None):
    """The requested page of `queryset`, with the links a person needs to move through the others. `count`, when
    the caller keeps it on a row (a topic's posts), spares the COUNT(*) over the list."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this value is used instead of a query
    page = paginator.get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    links = [
        PageLink(None) if number == Paginator.ELLIPSIS else PageLink(number, url(number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return Pagination(
        page=page,
        links=links,
        previous_url=url(page.previous_page_number()) if page.has_previous() else None,
        next_url=url(page.next_page_number()) if page.has_next() else None,
    )
