"""What the forum's pages read. Each builder costs the same number of queries for 1 row or 50."""

import math
import re
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, When

from spro_portal.links import link
from spro_portal.pagination import Pagination, paginate

from ..filters.forum import TopicFilter
from ..models import TITLE_MAX_LENGTH, Category, Post, Reaction, Topic, TopicReadState
from ..permissions import forum as permissions
from ..permissions.groups import groups_readable_by
from ..permissions.resources import resources_visible_to
from ..services.forum import quote_of, read_state_advance

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
class TopicRow:
    """A topic as a list shows it to this reader."""

    topic: Topic
    byline: permissions.Byline
    last_byline: permissions.Byline | None
    url: str  # the first unread post when there is one
    is_new: bool  # never opened
    unread_count: int


def post_page_url(topic, number):
    page = math.ceil(number / POSTS_PER_PAGE)
    query = f"?page={page}" if page > 1 else ""
    return f"{link('practices:topic', topic.pk)}{query}#message-{number}"


def with_read_number(topics, actor):
    return topics.annotate(
        read_number=Subquery(
            TopicReadState.objects.filter(user_id=actor.user.pk, topic=OuterRef("pk")).values("last_read_number")[:1]
        )
    )


def topic_row(actor, topic):
    read = getattr(topic, "read_number", None)
    unread = topic.post_count - read if read is not None else topic.post_count
    url = topic.get_absolute_url()
    if read is not None and 0 < unread:
        url = post_page_url(topic, read + 1)
    last = topic.last_post if topic.post_count > 1 else None
    return TopicRow(
        topic=topic,
        byline=permissions.author_label(actor, topic),
        last_byline=permissions.author_label(actor, last) if last else None,
        url=url,
        is_new=read is None,
        unread_count=max(unread, 0),
    )


def topic_rows(actor, topics):
    return [topic_row(actor, topic) for topic in topics]


# --- forum index -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumIndexPage:
    missions: list
    themes: list
    latest: list
    my_groups: list
    can_start_topic: bool
    can_manage_categories: bool


def forum_index_page(actor):
    """Categories with their counts and latest topic, the latest topics this person may read, their groups."""
    categories = list(Category.objects.select_related("last_topic"))
    latest = with_read_number(permissions.topics_visible_to(actor).for_list(), actor).order_by("-last_activity_at")
    my_groups = (
        list(groups_readable_by(actor).filter(memberships__user_id=actor.user.pk).order_by("name"))
        if actor.is_authenticated
        else []
    )
    return ForumIndexPage(
        missions=[c for c in categories if c.kind == Category.Kind.MISSION],
        themes=[c for c in categories if c.kind != Category.Kind.MISSION],
        latest=topic_rows(actor, latest[:LATEST_TOPICS]),
        my_groups=my_groups,
        can_start_topic=permissions.can_start_topic(actor),
        can_manage_categories=permissions.can_manage_categories(actor),
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


def topic_list(actor, request, topics):
    """Filter and paginate a queryset of topics for a list page; returns (filter, pagination, rows).

    The page is cut on the topics' ids alone, read from the index that matches the list's order: a page far down
    skips entries of that index instead of building (and joining) every row before it. Then the page's topics are
    read, with what a row shows, by their ids."""
    topic_filter = TopicFilter(request.GET, queryset=topics)
    pages = paginate(request, topic_filter.qs.in_list_order().values_list("pk", flat=True), TOPICS_PER_PAGE)
    page_ids = list(pages.page.object_list)
    topics_of_page = with_read_number(Topic.objects.filter(pk__in=page_ids).for_list(), actor).in_list_order()
    return topic_filter, pages, topic_rows(actor, topics_of_page) if page_ids else []


def category_page(actor, request, category):
    topics = permissions.topics_visible_to(actor).filter(category=category)
    topic_filter, pages, rows = topic_list(actor, request, topics)
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
    is_useful_to_me: bool


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    byline: permissions.Byline
    pages: Pagination
    rows: list
    solution: PostRow | None  # shown under the question when the solution is on another page
    first_unread_url: str
    can: permissions.TopicAbilities
    tags: list = field(default_factory=list)
    about_resource: object = None  # the resource it discusses, when this reader may see it


def post_row(actor, topic, post, topic_can, useful_ids):
    return PostRow(
        post=post,
        byline=permissions.author_label(actor, post),
        can=permissions.post_abilities(actor, topic, post, topic_can),
        is_solution=topic.solution_id == post.pk,
        is_useful_to_me=post.pk in useful_ids,
    )


def topic_page(actor, request, topic):
    """One page of a topic's posts; the reader's marker moves to the last post shown (the one write of a GET)."""
    # Posts are never deleted (moderation hides them), so the count kept on the topic is the number of posts.
    pages = paginate(request, topic.posts.for_topic_page(), POSTS_PER_PAGE, count=topic.post_count)
    posts = list(pages.page.object_list)
    solution = None
    if topic.solution_id and topic.solution_id not in {post.pk for post in posts}:
        solution = Post.objects.for_topic_page().filter(pk=topic.solution_id).first()
    shown = posts + ([solution] if solution else [])
    useful_ids = set(
        Reaction.objects.filter(user_id=actor.user.pk, post__in=[post.pk for post in shown]).values_list(
            "post_id", flat=True
        )
    )
    state = TopicReadState.objects.filter(user_id=actor.user.pk, topic=topic).first()
    read = state.last_read_number if state else 0
    first_unread_url = post_page_url(topic, read + 1) if state and read < topic.post_count else ""
    if posts:
        read_state_advance(user=actor.user, topic=topic, number=posts[-1].number, state=state)
    can = permissions.topic_abilities(actor, topic)
    return TopicPage(
        topic=topic,
        byline=permissions.author_label(actor, topic),
        pages=pages,
        rows=[post_row(actor, topic, post, can, useful_ids) for post in posts],
        solution=post_row(actor, topic, solution, can, useful_ids) if solution else None,
        first_unread_url=first_unread_url,
        can=can,
        tags=topic.tag_list,
        about_resource=resources_visible_to(actor).filter(pk=topic.resource_id).first() if topic.resource_id else None,
    )


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
