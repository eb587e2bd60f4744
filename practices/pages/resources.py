"""What the library's pages read. Each builder costs the same number of queries for 1 row or 50."""

from dataclasses import astuple, dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from members.models.users import User
from spro_portal import fragments
from spro_portal.dates import long_date
from spro_portal.pagination import Pagination, paginate

from .. import signals
from ..filters.resources import ResourceFilter
from ..models import Resource, ResourceVersion, ReuseStory
from ..permissions import resources as permissions
from ..permissions.forum import topics_visible_to
from ..permissions.search import can_search

RESOURCES_PER_PAGE = 20
DISCUSSION_CATEGORY = "outils"


def author_name(user):
    """What a reader sees of a person: their name, never their e-mail address (public pages are read by all)."""
    return user.get_full_name() or "Un·e membre du réseau"


def credit_of(resource):
    """« Camille Martin (CIO de Rennes, avec la Mission locale de Brest) »."""
    structures = [resource.author_structure.name] if resource.author_structure else []
    co_authors = [structure.name for structure in resource.co_authors.all()]
    if co_authors:
        joined = ", ".join(co_authors)
        structures.append(f"avec {joined}" if structures else joined)
    name = author_name(resource.author)
    return f"{name} ({', '.join(structures)})" if structures else name


def citation_of(resource):
    """The line to copy when one reuses the resource: title, credit, licence, portal, date and address."""
    url = f"{settings.SITE_URL}{resource.get_absolute_url()}"
    return (
        f"« {resource.title} », {credit_of(resource)}, licence {resource.get_licence_display()}, "
        f"Portail du SPRO, {long_date(resource.created_at)}, {url}"
    )


def discussion_url(resource):
    query = urlencode({"categorie": DISCUSSION_CATEGORY, "ressource": resource.pk})
    return f"{reverse('practices:topic_create')}?{query}"


# --- the library -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryPage:
    filter: ResourceFilter
    pages: Pagination
    is_filtered: bool
    can_share: bool
    can_search: bool
    filter_key: str  # the filter's HTML, shared by every reader with the same parameters
    rows_key: str  # the rows' HTML, shared by every reader of the same rows


# What a row of the list shows (resource_list.html): the wide columns (summary, its HTML) are left out.
LIST_FIELDS = [
    "title",
    "kind",
    "licence",
    "visibility",
    "has_file",
    "created_at",
    "reuse_count",
    "download_count",
    *(f"author__{name}" for name in User.NAME_FIELDS),  # get_full_name
    "author_structure__name",
    "working_group__name",
    "withdrawn_at",
]


# What a row shows of its resource's own columns, digested into the rows' fragment key (a download, a reuse story,
# an edit make a new key); names of people, structures and groups come with the « names » and « forum-labels »
# generations.
ROW_COLUMNS = [
    *("pk", "title", "kind", "licence", "visibility", "has_file", "created_at", "reuse_count", "download_count"),
    *("withdrawn_at", "author_id", "author_structure_id", "working_group_id"),
]


def resource_count(ids):
    """How many resources a list holds, for its pagination: kept per query (which names the reader and the
    filters) until a resource is shared, edited or withdrawn or a group's members change (« library »)."""
    key = fragments.key_of("resource-count", ids.query.sql_with_params(), fragments.generations(signals.LIBRARY))
    return fragments.value(key, ids.count)


def page_of_resources(request, queryset):
    """The requested page in two short queries: the page's ids first (read from the index of the sort order, with
    no join), then those 20 rows with what the list shows. A far page then costs as little as the first one."""
    ids = queryset.values_list("pk", flat=True)
    pages = paginate(request, ids, RESOURCES_PER_PAGE, count=resource_count(ids))
    ids = list(pages.page.object_list)
    rows = Resource.objects.select_related("author", "author_structure", "working_group").only(*LIST_FIELDS)
    by_id = rows.in_bulk(ids)
    pages.page.object_list = [by_id[pk] for pk in ids]
    return pages


def library_page(actor, request):
    visible = permissions.resources_visible_to(actor).kept().order_by("-created_at", "-pk")
    resource_filter = ResourceFilter(request.GET or None, queryset=visible)
    pages = page_of_resources(request, resource_filter.qs)
    is_filtered = resource_filter.is_bound and resource_filter.is_filtering
    can_share = permissions.can_share_resource(actor)
    labels = fragments.generations(signals.LABELS)
    rows = [tuple(getattr(resource, name) for name in ROW_COLUMNS) for resource in pages.page.object_list]
    return LibraryPage(
        filter=resource_filter,
        pages=pages,
        is_filtered=is_filtered,
        can_share=can_share,
        can_search=can_search(actor),
        filter_key=fragments.key_of("library-filter", sorted(request.GET.lists()), labels),
        rows_key=fragments.key_of("library-rows", rows, is_filtered, can_share, labels, fragments.generations("names")),
    )


def reader_key(actor):
    """`permissions.visibility_key`, kept per person until a resource or a group's members change (« library »)."""
    if not actor.is_authenticated:
        return permissions.visibility_key(actor)
    key = fragments.key_of("library-reader", actor.user.pk, actor.role_key)
    return fragments.current(key, (signals.LIBRARY,), lambda: permissions.visibility_key(actor))


# --- a resource --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourcePage:
    resource: Resource
    can: permissions.ResourceAbilities
    credit: str
    citation: str
    versions: list
    current: ResourceVersion | None
    derived_from: Resource | None  # only when this reader may see it
    derivations: list
    stories: list
    discussion_url: str
    discussions: list  # the forum topics about it that this reader may open
    shared_key: str = ""  # what the parts every reader sees alike are shared under


DISCUSSIONS_SHOWN = 5


# What the shared parts of a resource's page show of its own columns (an edit moves updated_at, a new version the
# current one, a story the reuse count, a download the download count), digested into their key with the
# « names » and « forum-labels » generations (its author's and structures' names, its missions and publics).
PAGE_COLUMNS = (
    *("pk", "updated_at", "reuse_count", "download_count", "current_version_id", "withdrawn_at", "visibility"),
    *("working_group_id", "licence", "kind", "url", "has_file"),
)


def resource_page(actor, resource):
    """The resource as every reader sees it (its description, files, licence, versions and stories: shared parts,
    read only when not cached), and what this reader may see around it (the resource it adapts, its adaptations,
    the discussions, the actions)."""
    origin = None
    if resource.derived_from_id:
        origin = (
            permissions.resources_visible_to(actor)
            .kept()
            .select_related("author_structure")
            .filter(pk=resource.derived_from_id)
            .first()
        )
    can = permissions.resource_abilities(actor, resource)
    return ResourcePage(
        resource=resource,
        can=can,
        credit=SimpleLazyObject(lambda: credit_of(resource)),
        citation=SimpleLazyObject(lambda: citation_of(resource)),
        versions=SimpleLazyObject(lambda: list(resource.versions.select_related("added_by").order_by("-number"))),
        current=resource.current_version,
        derived_from=origin,
        derivations=list(permissions.derivations_visible_to(actor, resource).kept()),
        stories=SimpleLazyObject(
            lambda: list(
                ReuseStory.objects.filter(resource=resource)
                .select_related("author", "structure")
                .order_by("-created_at")
            )
        ),
        discussion_url=discussion_url(resource),
        discussions=list(
            topics_visible_to(actor).filter(resource=resource).order_by("-last_activity_at", "-pk")[:DISCUSSIONS_SHOWN]
        ),
        shared_key=fragments.key_of(
            "resource-page",
            tuple(getattr(resource, name) for name in PAGE_COLUMNS),
            can.is_member,  # visitors read a story's structure, not who told it
            fragments.generations("names", signals.LABELS),
        ),
    )


# What a resource's page shows besides its own columns and the reader's rights (`resource_reader_key`): names, labels,
# which resources and topics its reader may open, its counts, and the replies to its discussions.
RESOURCE_PAGE_GENERATIONS = (
    *("names", signals.LABELS, signals.LIBRARY, signals.LIBRARY_COUNTS, signals.TOPICS, signals.ACTIVITY),
)


def resource_reader_key(actor, resource):
    """What a resource's page depends on of its reader, for a shared page: which resources and topics they may read
    (the adaptations, the discussions), and what they may do with this one (`resource`: its head will do)."""
    return reader_key(actor), astuple(permissions.resource_abilities(actor, resource))


# What deciding who reads a resource and what they may do with it reads of it (permissions.resources).
HEAD_FIELDS = ("pk", "author_id", "visibility", "working_group_id", "withdrawn_at", "has_file")


def readable_head(actor, pk):
    """The resource's head (a Resource with `HEAD_FIELDS` only), kept until the library changes, when this reader
    may read it; None when it must be looked for the long way (`get_resource_for_reading`: its 404, the visitor's
    login), or when nothing is shared."""
    if not fragments.enabled():
        return None
    head = fragments.current(
        fragments.key_of("resource-head", pk),
        (signals.LIBRARY,),
        lambda: Resource.objects.filter(pk=permissions.checked_id(pk)).only(*HEAD_FIELDS).first() or False,
    )
    if head and permissions.can_read_resource(actor, head, group_ids=reader_key(actor).group_ids):
        return head
    return None


def resource_for_edit_initial(resource):
    return {
        "title": resource.title,
        "summary": resource.summary,
        "kind": resource.kind,
        "licence": resource.licence,
        "url": resource.url,
        "missions": list(resource.missions.all()),
        "audiences": list(resource.audiences.all()),
        "tags": ", ".join(resource.tag_list),
        "co_authors": list(resource.co_authors.all()),
        "derived_from": resource.derived_from_id,
        "visibility": resource.visibility,
        "working_group": resource.working_group,
    }
