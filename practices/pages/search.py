"""The search page: topics, replies and resources this person may read, ranked, with highlighted excerpts.

On PostgreSQL the words are a web-style query (`websearch_to_tsquery`: « "expression" », `-mot`, `ou`) matched
against the stored, GIN-indexed vectors (services/search.py). A common word matches tens of thousands of posts, so
nothing ranks every match: each kind takes at most CANDIDATES matching rows (the newest, through the GIN index or
the primary key, as the planner finds cheaper), ranks only those, and the three lists are merged in one UNION
query that returns the best MAX_RESULTS + 1 (kind, id, rank, date): the count stops there (« plus de 1 000
résultats ») and the page is a slice of it. Excerpts (`ts_headline`) are computed for the rows of the page only.
On SQLite every word must appear in the text, ignoring accents (spro_portal.search), and a title match ranks first.

Constant queries whatever the number of results: the UNION, then one query per kind shown on the page.
"""

import html
import re
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from spro_portal import fragments
from spro_portal.pagination import Pagination, paginate
from spro_portal.search import unaccent, words_in

from .. import signals
from ..forms.search import SearchForm
from ..models import Post, Resource, Topic
from ..permissions import forum as forum_permissions
from ..permissions import search as permissions
from ..services.search import CONFIG, is_supported
from .resources import author_name

RESULTS_PER_PAGE = 20
CANDIDATES = 1000  # matching rows ranked per kind, at most
MAX_RESULTS = 1000  # counted and paged through, at most
# ts_headline marks the matches with these private-use characters; the text is escaped, then they become <mark>.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
_MARKDOWN = re.compile(r"(\*\*|__|`+|^\s{0,3}(?:#{1,6}|>)\s?)", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_ENDS = ".!?…»)"  # an excerpt ending on one of these ends a sentence (or already says it is cut)
EXCERPT_CHARACTERS = 240  # SQLite's excerpts, around the first match
# A person's results stay in the shared cache for this window (spro_portal.fragments, Redis only): the same search
# again (the next page, back from a result, a second tab) reads no index. Keyed by the search's own SQL, which names
# the reader, so nobody is served what another may read. A new post is found at the latest one window later.
FRESH_SECONDS = 60


def highlighted(text):
    """User text with its matches marked: escaped first, so only the <mark> elements made here are markup."""
    escaped = html.escape(text or "", quote=False)
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(START, "").replace(STOP, ""))


def plain(markdown):
    """An excerpt reads as text: Markdown's emphasis, code, heading and quote marks left out, spaces folded; and it
    says where it stops short (PostgreSQL's excerpts end mid-sentence, « … qui parlent peu le »)."""
    text = _SPACES.sub(" ", _MARKDOWN.sub("", markdown or "")).strip()
    return f"{text} …" if text and text[-1] not in _ENDS else text


# --- the query ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    kind: str = ""  # "", "sujets", "messages", "ressources"
    category: object = None
    mission: object = None
    solved: bool = False
    since: object = None  # a date
    until: object = None

    @property
    def restricts_to_forum(self):
        """A category or « résolues » only means something for the forum: resources are left out."""
        return self.category is not None or self.solved


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _dated(queryset, criteria, field="created_at"):
    if criteria.since:
        queryset = queryset.filter(**{f"{field}__gte": _day_start(criteria.since)})
    if criteria.until:
        queryset = queryset.filter(**{f"{field}__lt": _day_start(criteria.until + timedelta(days=1))})
    return queryset


def _forum_filtered(queryset, criteria, topic=""):
    """The forum's filters on topics (`topic=""`) or on posts (`topic="topic__"`)."""
    if criteria.category is not None:
        queryset = queryset.filter(**{f"{topic}category": criteria.category})
    if criteria.mission is not None:
        queryset = queryset.filter(**{f"{topic}category__mission": criteria.mission})
    if criteria.solved:
        queryset = queryset.filter(**{f"{topic}solution__isnull": False})
    return _dated(queryset, criteria)


class Matcher:
    """How rows match the words and how they rank: PostgreSQL full-text search, or SQLite's accent-blind words."""

    def __init__(self, text):
        self.text = text
        self.full_text = is_supported()
        # PostgreSQL estimates an expression as often as its words together, far more often than it occurs: the
        # newest-first scan of the primary key could then read the whole table to find a few.
        self.has_phrase = '"' in text
        if self.full_text:
            self.query = SearchQuery(_french_or(text), search_type="websearch", config=CONFIG)
        else:
            self.words, self.excluded = _sqlite_terms(text)

    @property
    def can_match(self):
        return self.full_text or bool(self.words)

    def matching(self, queryset, fields):
        """The rows of `queryset` that match; `fields` are the texts SQLite reads (PostgreSQL reads the vector)."""
        if self.full_text:
            return queryset.filter(search_vector=self.query)
        queryset = queryset.filter(words_in(fields, " ".join(self.words)))
        for word in self.excluded:
            queryset = queryset.exclude(words_in(fields, word))
        return queryset

    def rank(self, title):
        """PostgreSQL's ts_rank (a title's words weigh A, the rest B); on SQLite, 1 when the title (if any) holds
        every word, ½ otherwise."""
        if self.full_text:
            return SearchRank(F("search_vector"), self.query)
        if title is None:
            return Value(0.5)
        return Case(When(words_in([title], " ".join(self.words)), then=Value(1.0)), default=Value(0.5))

    def headline(self, expression, *, whole=False):
        """PostgreSQL: the text's excerpt with the matches between START and STOP (SQLite: python_excerpt)."""
        options = {"highlight_all": True} if whole else {"max_words": 30, "min_words": 12, "max_fragments": 2}
        return SearchHeadline(
            expression,
            self.query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            fragment_delimiter=" … ",
            **options,
        )

    def python_excerpt(self, text, *, whole=False):
        """SQLite: the text around the first word found (or the start), with every word marked."""
        text = text or ""
        if not whole:
            folded = unaccent(text).lower()
            found = [folded.find(unaccent(word).lower()) for word in self.words]
            found = [at for at in found if at >= 0]
            start = max(min(found) - EXCERPT_CHARACTERS // 3, 0) if found else 0
            text = ("… " if start else "") + text[start : start + EXCERPT_CHARACTERS] + " …"
        for word in sorted(self.words, key=len, reverse=True):
            text = _mark_word(text, word)
        return text


def _mark_word(text, word):
    """Mark every occurrence of `word`, ignoring accents and case, in `text` (one character for one, so the
    positions in the unaccented copy are the same)."""
    folded = "".join(unaccent(char) or char for char in text).lower()
    needle = unaccent(word).lower()
    if len(folded) != len(text) or not needle:
        return text
    out, at = [], 0
    while (found := folded.find(needle, at)) >= 0:
        out += [text[at:found], START, text[found : found + len(needle)], STOP]
        at = found + len(needle)
    return "".join(out) + text[at:]


_OU = re.compile(r"(?<=\s)ou(?=\s)", re.IGNORECASE)


def _french_or(text):
    """websearch_to_tsquery reads « or » between two words as either one: « ou » says it in French (outside quotes,
    where it is a word of the expression)."""
    pieces = text.split('"')
    return '"'.join(_OU.sub("or", piece) if index % 2 == 0 else piece for index, piece in enumerate(pieces))


_TERM = re.compile(r'-?"[^"]*"|\S+')


def _sqlite_terms(text):
    """Words to find and words to exclude, read like websearch_to_tsquery reads them (quotes group words)."""
    words, excluded = [], []
    for term in _TERM.findall(text):
        negative = term.startswith("-")
        term = term.lstrip("-").strip('"').strip()
        if not term or term.lower() in ("ou", "or"):
            continue
        (excluded if negative else words).extend(term.split())
    return words, excluded


# --- the three kinds ---------------------------------------------------------------------------------------------

TOPIC, POST, RESOURCE = "sujet", "message", "ressource"


def _opening_body():
    return Coalesce(
        Subquery(Post.objects.filter(topic=OuterRef("pk"), number=1, is_hidden=False).values("body")[:1]),
        Value(""),
        output_field=TextField(),
    )


def _newest_first(matcher):
    """The candidates' order. By id: for words, PostgreSQL either reads the GIN index (rare words) or walks the
    primary key from the newest row until it has enough (common words), as its statistics say is cheaper. For an
    expression, by `id + 0`, which no index gives: the GIN index is read first, so the cost follows the rows that
    hold its words instead of the size of the table."""
    if matcher.full_text and matcher.has_phrase:
        return (F("pk") + 0).desc()
    return F("pk").desc()


def _ranked(model, searchable, matcher, *, title, texts, when):
    """The rows of one kind to merge: at most CANDIDATES + 1 matching ones (newest first), with their rank.

    PostgreSQL ranks them in the query that finds them (a LIMIT inside each part of the UNION); SQLite cannot slice
    a part of a UNION, so its parts read the candidates' ids in a subquery."""
    matching = matcher.matching(searchable, [title, *texts] if title else texts).order_by(_newest_first(matcher))
    columns = {"hit_kind": Value(model._meta.model_name), "hit_rank": matcher.rank(title), "hit_at": F(when)}
    if connection.features.supports_slicing_ordering_in_compound:
        return matching.annotate(**columns).values("pk", "hit_kind", "hit_rank", "hit_at")[: CANDIDATES + 1]
    candidates = matching.values("pk")[: CANDIDATES + 1]
    return (
        model.objects.filter(pk__in=Subquery(candidates))
        .order_by()  # the models' default orders would sort (and join) for nothing
        .annotate(**columns)
        .values("pk", "hit_kind", "hit_rank", "hit_at")
    )


def _parts(actor, criteria, matcher):
    parts = []
    if criteria.kind in ("", "sujets"):
        topics = _forum_filtered(permissions.searchable_topics(actor), criteria)
        if not matcher.full_text:  # what the vector holds: the opening post, unless it is hidden
            topics = topics.annotate(opening_text=_opening_body())
        texts = ["tags", "opening_text"]
        parts.append(_ranked(Topic, topics, matcher, title="title", texts=texts, when="created_at"))
    if criteria.kind in ("", "messages"):
        posts = _forum_filtered(permissions.searchable_posts(actor).filter(number__gt=1), criteria, "topic__")
        parts.append(_ranked(Post, posts, matcher, title=None, texts=["body"], when="created_at"))
    if criteria.kind in ("", "ressources") and not criteria.restricts_to_forum:
        resources = _dated(permissions.searchable_resources(actor), criteria)
        if criteria.mission is not None:
            resources = resources.filter(missions=criteria.mission)
        parts.append(_ranked(Resource, resources, matcher, title="title", texts=["summary", "tags"], when="created_at"))
    return parts


class RankedResults:
    """The merged, ranked list, for the paginator: the best MAX_RESULTS + 1 of every kind's candidates, read in one
    query (short rows: kind, id, rank, date), then counted and sliced here."""

    def __init__(self, parts):
        if len(parts) > 1:
            merged = parts[0].union(*parts[1:], all=True).order_by("-hit_rank", "-hit_at", "-pk")
            rows = list(merged[: MAX_RESULTS + 1])
        else:  # one kind (already sliced on PostgreSQL): at most CANDIDATES + 1 rows, ordered here
            rows = sorted(parts[0] if parts else [], key=lambda row: (-row["hit_rank"], -row["hit_at"].timestamp()))
        per_kind = Counter(row["hit_kind"] for row in rows)
        # A kind that filled its candidates has more matches than were ranked.
        self.is_capped = len(rows) > MAX_RESULTS or any(count > CANDIDATES for count in per_kind.values())
        self.rows = rows[:MAX_RESULTS]

    def count(self):
        return len(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


# --- the rows shown ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    kind: str  # TOPIC, POST, RESOURCE
    kind_label: str
    url: str
    title: str  # safe HTML: the escaped title with its matches marked
    excerpt: str  # safe HTML, likewise
    where: str  # the category (and group), or the resource's sort
    where_url: str
    byline: forum_permissions.Byline | None  # the forum's, as author_label decides for this reader
    credit: str  # a resource's author and structure
    when: datetime
    is_solved: bool = False


def _topic_rows(actor, ids, matcher):
    topics = Topic.objects.filter(pk__in=ids).select_related("category", "working_group", "author", "author_structure")
    if matcher.full_text:
        topics = topics.annotate(
            title_marked=matcher.headline(F("title"), whole=True), excerpt_marked=matcher.headline(_opening_body())
        )
    else:
        topics = topics.annotate(opening=_opening_body())
    rows = {}
    for topic in topics:
        title = getattr(topic, "title_marked", None) or matcher.python_excerpt(topic.title, whole=True)
        excerpt = topic.excerpt_marked if matcher.full_text else matcher.python_excerpt(topic.opening)
        rows[topic.pk] = _forum_result(actor, topic, topic, TOPIC, "Sujet", title, excerpt, topic.is_solved)
    return rows


def _forum_result(actor, written, topic, kind, kind_label, title, excerpt, is_solved):
    """A topic or a reply (`written`) of `topic`, its author named as author_label decides for this reader."""
    group = f" · groupe {topic.working_group.name}" if topic.working_group_id else ""
    return SearchResult(
        kind=kind,
        kind_label=kind_label,
        url=written.get_absolute_url(),
        title=highlighted(title),
        excerpt=highlighted(plain(excerpt)),
        where=f"{topic.category.name}{group}",
        where_url=topic.category.get_absolute_url(),
        byline=forum_permissions.author_label(actor, written),
        credit="",
        when=written.created_at,
        is_solved=is_solved,
    )


def _post_rows(actor, ids, matcher):
    posts = Post.objects.filter(pk__in=ids).select_related(
        "topic__category", "topic__working_group", "author", "author_structure"
    )
    if matcher.full_text:
        posts = posts.annotate(excerpt_marked=matcher.headline(F("body")))
    rows = {}
    for post in posts:
        excerpt = post.excerpt_marked if matcher.full_text else matcher.python_excerpt(post.body)
        is_solution = post.topic.solution_id == post.pk
        rows[post.pk] = _forum_result(actor, post, post.topic, POST, "Réponse", post.topic.title, excerpt, is_solution)
    return rows


def _resource_rows(actor, ids, matcher):
    resources = Resource.objects.filter(pk__in=ids).select_related("author", "author_structure")
    if matcher.full_text:
        resources = resources.annotate(
            title_marked=matcher.headline(F("title"), whole=True), excerpt_marked=matcher.headline(F("summary"))
        )
    rows = {}
    for resource in resources:
        title = getattr(resource, "title_marked", None) or matcher.python_excerpt(resource.title, whole=True)
        excerpt = resource.excerpt_marked if matcher.full_text else matcher.python_excerpt(resource.summary)
        structure = f" ({resource.author_structure.name})" if resource.author_structure_id else ""
        rows[resource.pk] = SearchResult(
            kind=RESOURCE,
            kind_label="Ressource",
            url=resource.get_absolute_url(),
            title=highlighted(title),
            excerpt=highlighted(plain(excerpt)),
            where=resource.get_kind_display(),
            where_url=reverse("practices:resources"),
            byline=None,
            credit=f"{author_name(resource.author)}{structure}",
            when=resource.created_at,
        )
    return rows


ROW_BUILDERS = {"topic": (TOPIC, _topic_rows), "post": (POST, _post_rows), "resource": (RESOURCE, _resource_rows)}


def results_of(actor, page_rows, matcher):
    """The page's (kind, pk) rows as SearchResults, in rank order: one query per kind present on the page."""
    built = {}
    for model_name, (_, build) in ROW_BUILDERS.items():
        ids = [row["pk"] for row in page_rows if row["hit_kind"] == model_name]
        if ids:
            built[model_name] = build(actor, ids, matcher)
    kept = [(row["hit_kind"], row["pk"]) for row in page_rows]
    return [built[kind][pk] for kind, pk in kept if pk in built.get(kind, {})]


# --- the page ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchPage:
    """The page; without words to look for (or only words too common), the form and its help alone."""

    form: SearchForm
    filters_open: bool  # a filter is set, or was not understood: the « Affiner » panel shows it
    text: str
    form_key: str  # the form's HTML, shared by every search with the same parameters
    has_query: bool = False
    pages: Pagination | None = None
    results: list = field(default_factory=list)
    count: int = 0
    count_label: str = "0"  # « 1 000 »: French digit groups
    is_capped: bool = False
    leaves_out_resources: bool = False
    results_key: str = ""  # what the results' HTML is shared under (the same search, page and window)
    fragment_timeout: int = FRESH_SECONDS  # how long the page's shared HTML is kept ({% shared_fragment %})


def search_page(actor, request):
    form = SearchForm(request.GET or None)
    criteria = Criteria(**form.criteria()) if form.is_bound else Criteria()
    matcher = Matcher(criteria.text) if criteria.text else None
    filters_open = bool(form.errors) or any(
        value not in (None, "", False) for name, value in vars(criteria).items() if name != "text"
    )
    shown = {
        "form": form,
        "filters_open": filters_open,
        "text": criteria.text,
        "form_key": form_key(request, filters_open),
    }
    if matcher is None or not matcher.can_match:
        return SearchPage(**shown)
    parts = _parts(actor, criteria, matcher)
    window = int(clock.time() // FRESH_SECONDS)
    key = fragments.key_of("search", [part.query.sql_with_params() for part in parts], window)
    ranked = fragments.value(key, lambda: RankedResults(parts), timeout=FRESH_SECONDS)
    pages = paginate(request, ranked, RESULTS_PER_PAGE)
    results_key = fragments.key_of("search-page", key, pages.page.number)
    return SearchPage(
        **shown,
        has_query=True,
        pages=pages,
        results=fragments.value(
            results_key, lambda: results_of(actor, list(pages.page.object_list), matcher), timeout=FRESH_SECONDS
        ),
        count=ranked.count(),
        count_label=f"{ranked.count():,}".replace(",", "\u202f"),
        is_capped=ranked.is_capped,
        leaves_out_resources=criteria.restricts_to_forum and criteria.kind in ("", "ressources"),
        results_key=results_key,
    )


def form_key(request, filters_open):
    """The form shows the parameters and its choices (categories, missions): the same for every reader."""
    return fragments.key_of(
        "search-form", sorted(request.GET.lists()), filters_open, fragments.generations(signals.LABELS)
    )
