"""What the forum's pages read. Each builder costs the same number of queries for 1 row or 50."""

import math
import re
from dataclasses import astuple, dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, When

from spro_portal import fragments
from spro_portal.links import link
from spro_portal.pagination import Pagination, paginate

from .. import signals
from ..filters.forum import TopicFilter
from ..models import TITLE_MAX_LENGTH, Category, Post, Reaction, Subscription, Topic, TopicReadState
from ..permissions import forum as permissions
from ..permissions.groups import groups_readable_by
from ..permissions.resources import resources_visible_to
from ..services.forum import quote_of, read_marker_move
from ..templatetags import forum_html
from ..templatetags.forum_html import READING_SLOTS
from .resources import reader_key as resources_reader_key

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = 20
SUGGESTIONS = 5
LATEST_TOPICS = 6
_WORD = re.compile(r"\w+")
_STOP_WORDS = set(
    "les des une pour dans avec sur est qui que quoi quel quelle quels quelles comment faire faut peut sont "
    "par pas plus nos vos leur leurs ces cette entre sans chez aux mais donc car elle ils elles nous vous".split()
)


@dataclass(frozen=True)
class Reading:
    """Where this reader is in a topic: what a list's row shows them alone."""

    url: str  # the first unread post when there is one
    is_new: bool  # never opened
    unread_count: int

    @classmethod
    def of(cls, pk, post_count, read_number):
        unread = post_count - read_number if read_number is not None else post_count
        url = link("practices:topic", pk)
        if read_number is not None and 0 < unread:
            url = post_page_url_of(pk, read_number + 1)
        return cls(url=url, is_new=read_number is None, unread_count=max(unread, 0))


@dataclass(frozen=True)
class TopicRow:
    """A topic as a list shows it to this reader."""

    topic: Topic
    byline: permissions.Byline
    last_byline: permissions.Byline | None
    reading: Reading


def post_page_url_of(topic_pk, number):
    page = math.ceil(number / POSTS_PER_PAGE)
    query = f"?page={page}" if page > 1 else ""
    return f"{link('practices:topic', topic_pk)}{query}#message-{number}"


def post_page_url(topic, number):
    return post_page_url_of(topic.pk, number)


def with_read_number(topics, actor):
    return topics.annotate(
        read_number=Subquery(
            TopicReadState.objects.filter(user_id=actor.user.pk, topic=OuterRef("pk")).values("last_read_number")[:1]
        )
    )


def topic_row(actor, topic):
    last = topic.last_post if topic.post_count > 1 else None
    return TopicRow(
        topic=topic,
        byline=permissions.author_label(actor, topic),
        last_byline=permissions.author_label(actor, last) if last else None,
        reading=Reading.of(topic.pk, topic.post_count, getattr(topic, "read_number", None)),
    )


# The columns of a topic its row shows (the light query's), digested into the row's fragment key: a reply, an edited
# title, a pin or a solution makes a new key. The last post's author and confidentiality decide its byline.
ROW_COLUMNS = (
    *("pk", "title", "post_count", "last_activity_at", "created_at", "is_pinned", "is_locked", "solution_id"),
    *("category_id", "working_group_id", "author_id", "author_structure_id", "is_confidential", "last_post_id"),
    *("last_post__author_id", "last_post__is_confidential"),
)
# What a row shows that its columns do not: names of people and structures, of categories and groups.
ROW_GENERATIONS = ("names", signals.LABELS)


def _row_key(actor, columns, show_category, stamps):
    topic_byline = permissions.byline_kind(
        actor, is_confidential=columns["is_confidential"], author_id=columns["author_id"]
    )
    last_byline = permissions.byline_kind(
        actor, is_confidential=columns["last_post__is_confidential"], author_id=columns["last_post__author_id"]
    )
    values = tuple(columns[name] for name in ROW_COLUMNS)
    return fragments.key_of("topic-row", values, topic_byline, last_byline, show_category, stamps)


def topic_rows(actor, ids, *, show_category, readings=True):
    """The HTML of the rows of these topics (ids in list order) for this reader: two queries, then each row from the
    fragments its readers share (built, with one more query, for those missing), with this reader's reading; or,
    `readings=False`, with slots naming each topic and its post count, for `fill_readings` (a shared page)."""
    if not ids:
        return []
    light = Topic.objects.filter(pk__in=ids)
    if not readings:
        rows = light.values(*ROW_COLUMNS)
        lines = {columns["pk"]: columns for columns in rows}
        shared = _shared_rows(actor, [pk for pk in ids if pk in lines], lines, show_category)
        return [
            fragments.fill(
                shared[pk],
                **{name: fragments.slot(f"reading:{pk}:{lines[pk]['post_count']}:{name}") for name in READING_SLOTS},
            )
            for pk in shared
        ]
    lines = {columns["pk"]: columns for columns in with_read_number(light, actor).values(*ROW_COLUMNS, "read_number")}
    shared = _shared_rows(actor, [pk for pk in ids if pk in lines], lines, show_category)
    return [
        forum_html.reader_topic_row_html(html, Reading.of(pk, lines[pk]["post_count"], lines[pk]["read_number"]))
        for pk, html in shared.items()
    ]


def _shared_rows(actor, ids, lines, show_category):
    """`{pk: row HTML with its reading slots}` in list order, from the fragments (built for those missing)."""
    stamps = fragments.generations(*ROW_GENERATIONS)
    keys = {pk: _row_key(actor, lines[pk], show_category, stamps) for pk in ids}

    def build(missing):
        topics = Topic.objects.filter(pk__in=missing).for_list()
        return {topic.pk: forum_html.shared_topic_row_html(topic_row(actor, topic), show_category) for topic in topics}

    shared = fragments.many(keys, build)
    return {pk: shared[pk] for pk in ids}


def fill_list(actor, html):
    """A shared list page made this reader's: the reading slots of its rows and its watch box's level (a category's,
    a group's), both from one query."""
    found = {(int(pk), int(count)) for pk, count, name in fragments.slots_in(html, "reading") if name == "url"}
    watch = fragments.slots_in(html, "watch")
    if not watch:
        return fill_readings(actor, html)
    kind, target = watch[0][0], int(watch[0][1])
    selects = [("watch", Subscription, None, "level", {"user_id": actor.user.pk, f"{kind}_id": target})]
    if found:
        topics = [pk for pk, _ in found]
        selects.append(
            ("read", TopicReadState, "topic_id", "last_read_number", {"user_id": actor.user.pk, "topic_id": topics})
        )
    rows = tagged_rows(selects)
    chosen = next((value for tag, _, value in rows if tag == "watch"), Subscription.Level.NORMAL)
    values = {f"watch:{k}:{p}:{value}": " selected" if value == chosen else "" for k, p, value in watch}
    read = {int(pk): int(number) for tag, pk, number in rows if tag == "read"}
    values.update(_reading_values(found, read))
    return fragments.fill_all(html, values)


def _reading_values(found, read):
    values = {}
    for pk, count in found:
        for name, value in forum_html.reading_html(Reading.of(pk, count, read.get(pk))).items():
            values[f"reading:{pk}:{count}:{name}"] = value
    return values


def fill_readings(actor, html):
    """`html` with the reading slots of its rows (`topic_rows(readings=False)`) filled for this reader: one query."""
    found = {(int(pk), int(count)) for pk, count, name in fragments.slots_in(html, "reading") if name == "url"}
    if not found:
        return html
    conditions = {"user_id": actor.user.pk, "topic_id": [pk for pk, _ in found]}
    rows = tagged_rows([("read", TopicReadState, "topic_id", "last_read_number", conditions)])
    read = {int(pk): int(number) for _, pk, number in rows}
    return fragments.fill_all(html, _reading_values(found, read))


# What a shared list page of the forum shows besides its URL and its reader's `reader_key`: names, labels, which
# topics a list holds, and the conversation (a reply moves a row's count and date).
LIST_GENERATIONS = ("names", signals.LABELS, signals.TOPICS, signals.ACTIVITY)


READER_GENERATIONS = (signals.TOPICS, signals.ACTIVITY)


def _reader_entry(actor):
    return fragments.key_of("forum-reader", actor.user.pk, actor.role_key), lambda: permissions.reading_key(actor)


def reader_key(actor):
    """`permissions.reading_key`, kept per person until a list's topics or the conversation change."""
    key, build = _reader_entry(actor)
    return fragments.current(key, READER_GENERATIONS, build)


# --- forum index -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumIndexPage:
    missions: list
    themes: list
    latest: list
    my_groups: list
    can_start_topic: bool
    can_manage_categories: bool
    categories_key: str  # the categories' HTML, the same for every reader


# What the categories' cards show of them and of their latest topic.
CATEGORY_COLUMNS = ("pk", "name", "slug", "description", "kind", "position", "topic_count", "post_count")


def categories_key(categories):
    shown = [
        (
            tuple(getattr(category, name) for name in CATEGORY_COLUMNS),
            category.last_activity_at,
            category.last_topic_id,
            category.last_topic.title if category.last_topic_id else "",
        )
        for category in categories
    ]
    return fragments.key_of("forum-categories", shown)


def forum_index_page(actor):
    """Categories with their counts and latest topic, the latest topics this person may read (their read markers
    in slots, `fill_readings`), their groups."""
    categories = list(Category.objects.select_related("last_topic").defer("last_topic__search_vector"))
    latest = permissions.topics_visible_to(actor).order_by("-last_activity_at").values_list("pk", flat=True)
    my_groups = (
        list(groups_readable_by(actor).filter(memberships__user_id=actor.user.pk).order_by("name"))
        if actor.is_authenticated
        else []
    )
    return ForumIndexPage(
        missions=[c for c in categories if c.kind == Category.Kind.MISSION],
        themes=[c for c in categories if c.kind != Category.Kind.MISSION],
        latest=topic_rows(actor, list(latest[:LATEST_TOPICS]), show_category=True, readings=False),
        my_groups=my_groups,
        can_start_topic=permissions.can_start_topic(actor),
        can_manage_categories=permissions.can_manage_categories(actor),
        categories_key=categories_key(categories),
    )


# --- a category ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryPage:
    category: Category
    filter: TopicFilter
    is_filtered: bool
    pages: Pagination
    rows: list
    can_start_topic: bool
    can_manage: bool


def topic_count(topics):
    """How many topics a list holds, for its pagination: the COUNT(*) is a quarter of a category page's time, and it
    changes only when a topic is opened or moved or a group's members change (« forum-topics »). Keyed by the query
    itself, which names the reader's groups. Not for a list filtered by state (`topic_list`)."""
    key = fragments.key_of("topic-count", topics.query.sql_with_params(), fragments.generations(signals.TOPICS))
    return fragments.value(key, topics.count)


def topic_list(actor, request, topics, *, show_category=True, readings=True):
    """Filter and paginate a queryset of topics for a list page; returns (filter, pagination, rows).

    The page is cut on the topics' ids alone, read from the index that matches the list's order: a page far down
    skips entries of that index instead of building (and joining) every row before it. Then the page's rows are
    made from those ids (`topic_rows`)."""
    topic_filter = TopicFilter(request.GET, queryset=topics)
    ids = topic_filter.qs.in_list_order().values_list("pk", flat=True)
    # « Résolues » and « Sans réponse » select by a topic's solution and post count, which a reply or a solution
    # moves by `update()` without renewing « forum-topics »: those lists are counted on each request.
    is_filtered = topic_filter.form.is_valid() and topic_filter.form.cleaned_data.get("etat")
    pages = paginate(request, ids, TOPICS_PER_PAGE, count=None if is_filtered else topic_count(ids))
    rows = topic_rows(actor, list(pages.page.object_list), show_category=show_category, readings=readings)
    return topic_filter, pages, rows


def category_page(actor, request, category):
    topics = permissions.topics_visible_to(actor).filter(category=category)
    topic_filter, pages, rows = topic_list(actor, request, topics, show_category=False, readings=False)
    return CategoryPage(
        category=category,
        filter=topic_filter,
        is_filtered=bool(topic_filter.form.is_valid() and topic_filter.form.cleaned_data.get("etat")),
        pages=pages,
        rows=rows,
        can_start_topic=permissions.can_start_topic(actor),
        can_manage=permissions.can_manage_categories(actor),
    )


@dataclass(frozen=True)
class MyTopicsPage:
    filter: TopicFilter
    is_filtered: bool
    pages: Pagination
    rows: list


def my_topics_page(actor, request):
    """The questions this person asked, latest activity first, unread answers marked."""
    topics = permissions.topics_visible_to(actor).filter(author_id=actor.user.pk)
    topic_filter, pages, rows = topic_list(actor, request, topics)
    return MyTopicsPage(
        filter=topic_filter,
        is_filtered=bool(topic_filter.form.is_valid() and topic_filter.form.cleaned_data.get("etat")),
        pages=pages,
        rows=rows,
    )


# --- a topic ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostRow:
    post: Post
    byline: permissions.Byline
    can: permissions.PostAbilities
    is_solution: bool
    is_useful_to_me: bool | None


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    byline: permissions.Byline
    pages: Pagination
    rows: list  # each post's HTML, for this reader (`post_fragments`)
    solution: str  # the solution's HTML, shown under the question when it is on another page; or ""
    first_unread: str  # the link to this reader's first unread post (`forum_html.first_unread_html`), or a slot
    can: permissions.TopicAbilities
    tags: list = field(default_factory=list)
    about_resource: object = None  # the resource it discusses, when this reader may see it


def post_row(actor, topic, post, topic_can, useful_ids):
    """`useful_ids` None: whether this reader found it useful is left in slots (`fill_topic`)."""
    return PostRow(
        post=post,
        byline=permissions.author_label(actor, post),
        can=permissions.post_abilities(actor, topic, post, topic_can),
        is_solution=topic.solution_id == post.pk,
        is_useful_to_me=None if useful_ids is None else post.pk in useful_ids,
    )


# The columns of a post its HTML shows or its abilities read (the light query's), digested into its fragment's key:
# an edit (edited_at), a reaction (reaction_count), hiding or restoring make a new key. Its text changes only with
# edited_at. What this reader may do with it (its `PostAbilities`) and the byline they get are in the key too.
POST_COLUMNS = (
    *("id", "topic_id", "number", "author_id", "author_structure_id", "is_confidential", "reaction_count"),
    *("created_at", "edited_at", "is_hidden", "hidden_reason"),
)
POST_GENERATIONS = ("names",)


def post_fragments(actor, topic, posts, topic_can, useful_ids, csrf_token, *, in_solution_box=False):
    """The HTML of these posts (light: `POST_COLUMNS` only) for this reader: each from the fragment shared by the
    readers with the same abilities and byline, the full posts read (one query) only for those missing. The CSRF
    token is a slot, filled for this reader."""
    stamps = fragments.generations(*POST_GENERATIONS)
    keys = {
        post.pk: fragments.key_of(
            "post",
            tuple(getattr(post, name) for name in POST_COLUMNS),
            astuple(permissions.post_abilities(actor, topic, post, topic_can)),
            permissions.byline_kind(actor, is_confidential=post.is_confidential, author_id=post.author_id),
            topic.solution_id == post.pk,
            None if useful_ids is None else post.pk in useful_ids,
            in_solution_box,
            stamps,
        )
        for post in posts
    }

    def build(missing):
        built = {}
        for post in Post.objects.for_topic_page().filter(pk__in=missing):
            post.topic = topic
            row = post_row(actor, topic, post, topic_can, useful_ids)
            built[post.pk] = forum_html.post_html(row, topic, in_solution_box, fragments.slot("csrf"))
        return built

    shared = fragments.many(keys, build)
    return [fragments.fill(shared[post.pk], csrf=csrf_token) for post in posts]


def topic_page(actor, request, topic):
    """One page of a topic's posts, as every reader who reads it alike sees it (a page shared by them,
    spro_portal.shared_pages): this reader's own part — which posts they found useful, their first unread post, the
    marker moved to the last post shown (the one write of a GET) — is left in slots, filled by `fill_topic`."""
    # Posts are never deleted (moderation hides them), so the count kept on the topic is the number of posts.
    light = topic.posts.only(*POST_COLUMNS).order_by("number")
    pages = paginate(request, light, POSTS_PER_PAGE, count=topic.post_count)
    posts = list(pages.page.object_list)
    solution = None
    if topic.solution_id and topic.solution_id not in {post.pk for post in posts}:
        solution = Post.objects.only(*POST_COLUMNS).filter(pk=topic.solution_id).first()
    shown = posts + ([solution] if solution else [])
    for post in shown:
        post.topic = topic
    last_number = posts[-1].number if posts else 0
    can = permissions.topic_abilities(actor, topic)
    csrf_token = fragments.slot("csrf")
    return TopicPage(
        topic=topic,
        byline=permissions.author_label(actor, topic),
        pages=pages,
        rows=post_fragments(actor, topic, posts, can, None, csrf_token),
        solution=post_fragments(actor, topic, [solution], can, None, csrf_token, in_solution_box=True)[0]
        if solution
        else "",
        first_unread=fragments.slot(f"read:{topic.pk}:{last_number}:{topic.post_count}"),
        can=can,
        tags=topic.tag_list,
        about_resource=resources_visible_to(actor).filter(pk=topic.resource_id).first() if topic.resource_id else None,
    )


def fill_topic(actor, html):
    """A topic page (`topic_page`) made this reader's, from one query: the posts they found
    useful, their marker (their first unread post, and the marker moved: one write when it moves) and their watching
    level."""
    useful = {int(pk) for pk, name in fragments.slots_in(html, "useful") if name == "value"}
    reads = fragments.slots_in(html, "read")
    watch = fragments.slots_in(html, "watch")
    if not (useful or reads or watch):
        return html
    topic_pk = int(reads[0][0]) if reads else int(watch[0][1])
    mine = _reader_rows(actor.user.pk, topic_pk, useful)
    values = {}
    for pk in useful:
        for name, value in forum_html.useful_html(pk, str(pk) in mine["useful"]).items():
            values[f"useful:{pk}:{name}"] = value
    read = int(mine["read"][0]) if mine["read"] else None
    for _, last_number, post_count in reads:
        last_number, post_count = int(last_number), int(post_count)
        url = post_page_url_of(topic_pk, read + 1) if read is not None and read < post_count else ""
        values[f"read:{topic_pk}:{last_number}:{post_count}"] = forum_html.first_unread_html(url)
        if last_number:
            read_marker_move(user_id=actor.user.pk, topic_id=topic_pk, read=read, number=last_number)
    level = mine["watch"][0] if mine["watch"] else Subscription.Level.NORMAL
    for kind, pk, value in watch:
        values[f"watch:{kind}:{pk}:{value}"] = " selected" if value == level else ""
    return fragments.fill_all(html, values)


def _reader_rows(user_pk, topic_pk, post_pks):
    """`{"useful": post ids they found useful, "read": [their marker's number], "watch": [their level]}` (as
    text): the three in one query."""
    selects = [
        ("read", TopicReadState, None, "last_read_number", {"user_id": user_pk, "topic_id": topic_pk}),
        ("watch", Subscription, None, "level", {"user_id": user_pk, "topic_id": topic_pk}),
    ]
    if post_pks:
        selects.append(("useful", Reaction, None, "post_id", {"user_id": user_pk, "post_id": list(post_pks)}))
    found = {"useful": set(), "read": [], "watch": []}
    for tag, _, value in tagged_rows(selects):
        if tag == "useful":
            found[tag].add(value)
        else:
            found[tag].append(value)
    return found


def tagged_rows(selects):
    """The rows `(tag, key, value)`, as text, of several small SELECTs in one query (`selects`: `(tag, model, key
    column or None, value column, {column: value or list of values})`). Written out: it runs on every shared page
    of the forum, where the ORM's union of querysets costs more to build than to run."""
    quote = connection.ops.quote_name
    parts, params = [], []
    for tag, model, key, value, conditions in selects:
        where = []
        params.append(tag)
        for column, wanted in conditions.items():
            if isinstance(wanted, list):
                where.append(f"{quote(column)} IN ({', '.join(['%s'] * len(wanted))})")
                params.extend(wanted)
            else:
                where.append(f"{quote(column)} = %s")
                params.append(wanted)
        key_sql = f"CAST({quote(key)} AS TEXT)" if key else "CAST(NULL AS TEXT)"
        parts.append(
            f"SELECT %s, {key_sql}, CAST({quote(value)} AS TEXT) FROM {quote(model._meta.db_table)} "
            f"WHERE {' AND '.join(where)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _head_entry(pk):
    return fragments.key_of("topic-head", pk), lambda: _topic_head(pk) or {}


def _topic_head(pk):
    head = (
        Topic.objects.filter(pk=pk).values("author_id", "working_group_id", "working_group__is_closed", "resource_id")
    ).first()
    if head is not None:
        authors = Post.objects.filter(topic_id=pk).values_list("author_id", flat=True).distinct()
        head["author_ids"] = frozenset([head["author_id"], *authors])
    return head


def topic_share_key(actor, pk):
    """The key of a topic page shared by its readers: what they may read (`reader_key`), who they are when they
    wrote in it (their own posts: « Modifier », no « Utile », their hidden posts, the solution to mark), and
    which resources they may read when it discusses one. Raises the 404 of `get_topic_for_reading` when this
    reader may not read it, before anything cached is served: a second guard, the key already keeps apart readers
    who may not read the same topics."""
    permissions.checked_id(pk)
    found = fragments.current_many({"head": _head_entry(pk), "reader": _reader_entry(actor)}, READER_GENERATIONS)
    head, reader = found["head"] or None, found["reader"]
    if head is None or not permissions.may_read_topic_head(actor, head, reader.group_ids):
        permissions.get_topic_for_reading(actor, pk)  # raises its 404 (or finds it, if the cache was behind)
        head = _topic_head(pk)
    library = resources_reader_key(actor) if head["resource_id"] else None
    return reader, actor.user.pk if actor.user.pk in head["author_ids"] else None, library


# A topic page's generations: the lists', and the library's (the resource it discusses: its title, who may read it).
TOPIC_GENERATIONS = (*LIST_GENERATIONS, signals.LIBRARY)


def new_topic_initial(params, resource):
    """What « Poser une question » starts with: the category of the link followed, the title of a discussed resource."""
    initial = {"category": params["categorie"]} if params.get("categorie") else {}
    if resource is not None:
        initial["title"] = f"À propos de « {resource.title} »"[:TITLE_MAX_LENGTH]
    return initial


def title_words(title):
    """The words of a title that say something: three letters or more (« VAE »), not the common little words."""
    words = []
    for word in _WORD.findall(title.lower()):
        if len(word) >= 3 and word not in _STOP_WORDS and word not in words:
            words.append(word)
    return words[:6]


def similar_topics(actor, title, *, exclude=None):
    """Topics whose title shares a meaningful word with `title`, solved ones first (asking well)."""
    words = title_words(title)
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word)
    topics = permissions.topics_visible_to(actor).filter(condition).select_related("category")
    if exclude:
        topics = topics.exclude(pk=exclude)
    return list(
        topics.annotate(
            solved_first=Case(When(solution__isnull=False, then=0), default=1, output_field=IntegerField())
        ).order_by("solved_first", "-last_activity_at")[:SUGGESTIONS]
    )


def reply_initial(actor, topic, quoted_pk):
    """A reply's starting text: the quoted post, attributed with its public byline (everyone reads the quote)."""
    if not quoted_pk or not str(quoted_pk).isdigit() or len(str(quoted_pk)) > 18:
        return {}
    quoted = topic.posts.select_related("author", "author_structure").filter(pk=quoted_pk, is_hidden=False).first()
    if quoted is None:
        return {}
    return {"body": quote_of(quoted, permissions.public_byline(quoted)), "reply_to": quoted.pk}


def post_in_topic(topic, pk):
    """The post a reply answers, when it is one of this topic's (anything else: a plain reply)."""
    return topic.posts.filter(pk=pk).first() if pk else None


def revisions_of(post):
    return list(post.revisions.select_related("replaced_by").order_by("-replaced_at", "-pk"))
