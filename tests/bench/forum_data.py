"""The forum's share of the load run: the shared forum data set (../shared/bench/forum_dataset.py), loaded in bulk.

    Dataset(scale=1.0): 10 categories, 3,000 users, 20,000 topics, 200,000 posts, likes as « utile » reactions.

Every forum measured on this data set loads exactly the same rows, so `fingerprint()` is checked and recorded. The
data set's users become advisers of the structures `seed_demo` created (round robin), with a verified e-mail
address and the data set's password, so they log in and read the forum like any member. Rows are written in
batches (bulk_create), with what the services would have derived: post numbers, reply counts, last post and last
activity of each topic and category, « utile » counts, the sanitised HTML rendered once from the Markdown, the
author following their own topic. Unread markers are not made up: nobody has read anything yet.

The whole load is one transaction that ends by recording the fingerprint (tests/bench/markers.py): a later run
finds it and skips loading; an interrupted load leaves nothing behind.
"""

import importlib.util
import math
import os
import time
from pathlib import Path
from urllib.parse import quote_plus

from django.contrib.auth.hashers import make_password
from django.db import connection, reset_queries, transaction
from django.db.models import Count, Max, Sum

from tests.bench import markers
from tests.bench.loadkit import BENCH_PASSWORD, LoadPage

ROOT = Path(__file__).resolve().parents[2]
# Beside the checkout (../shared, as in the team's workspace), else the workspace's own copy (a clone made elsewhere,
# e.g. CI's clean clone), unless BENCH_FORUM_DATASET names it.
_DATASET_PLACES = [ROOT.parent / "shared" / "bench" / "forum_dataset.py", Path("/work/shared/bench/forum_dataset.py")]
DATASET_PATH = Path(
    os.environ.get("BENCH_FORUM_DATASET")
    or next((place for place in _DATASET_PLACES if place.exists()), _DATASET_PLACES[0])
)
SCALE = float(os.environ.get("BENCH_FORUM_SCALE", "1.0"))
# Bumped whenever what this module writes changes, so an older load is replaced rather than reused.
VERSION = "forum-data-1"
MARKER = "forum"
CATEGORY_PREFIX = "banc-"
TOPICS_PER_BATCH = 500
POSTS_PER_INSERT = 2000
PAGE_TOPICS = 200  # how many long topics the topic pages pick from
READER_INDEX = 7  # the data set user who reads the forum in the load run

FIRST_NAMES = (
    "Camille Léa Hugo Manon Lucas Chloé Louis Inès Jules Sarah Nathan Emma Théo Jade Paul Lina Tom Zoé Noé Rose"
)
LAST_NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia"
)

_facts = {}


def dataset():
    spec = importlib.util.spec_from_file_location("forum_dataset", DATASET_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module.PASSWORD != BENCH_PASSWORD:
        raise RuntimeError(f"{DATASET_PATH} n'a plus le mot de passe de tests/bench/loadkit.py.")
    return module.Dataset(scale=SCALE)


def reader_email():
    return f"user{READER_INDEX:05d}@example.com"


def facts():
    """What the results file records of this data set (filled by ensure_loaded)."""
    return dict(_facts)


def ensure_loaded(log):
    data = dataset()
    started = time.perf_counter()
    fingerprint = data.fingerprint()
    log(f"Forum : jeu de données {DATASET_PATH.name} (échelle {SCALE:g}, {data.counts}), "
        f"empreinte {fingerprint} ({time.perf_counter() - started:.1f} s)")  # fmt: skip
    _facts.update(dataset=str(DATASET_PATH.name), scale=SCALE, counts=data.counts, fingerprint=fingerprint)
    wanted = f"{VERSION} {fingerprint}"
    recorded = markers.get(MARKER)
    if recorded == wanted:
        log("Forum : déjà chargé (même empreinte, même version) : réutilisé.")
    else:
        if recorded is not None or _bench_rows_exist():
            log(f"Forum : une autre version est chargée ({recorded}) : on la retire.")
            _remove()
        started = time.perf_counter()
        with transaction.atomic():
            loaded_fingerprint = _load(data, log)
            if loaded_fingerprint != fingerprint:
                raise RuntimeError(f"Empreinte différente pendant le chargement : {loaded_fingerprint}.")
            markers.put(MARKER, wanted)
        log(f"Forum : chargé en {time.perf_counter() - started:.0f} s.")
    _refresh_search(log)
    # Every run (under a second): the planner's statistics must know the rows and the search vectors written in
    # bulk, and nothing else refreshes them where autovacuum is off (as on this machine). With statistics taken
    # before the vectors, a two-word search read 17,000 pages of posts instead of walking the newest ones (95 ms
    # of SQL instead of 31).
    _analyze()


def _bench_rows_exist():
    from practices.models import Category

    return Category.objects.filter(slug__startswith=CATEGORY_PREFIX).exists()


def _people(data, log):
    """The data set's users as advisers of the seeded structures, able to log in with the data set's password."""
    from allauth.account.models import EmailAddress

    from members.models import Membership, Structure, User

    structures = list(Structure.objects.order_by("pk").values_list("pk", flat=True))
    if not structures:
        raise RuntimeError("Aucune structure : seed_demo doit tourner avant le forum.")
    password = make_password(data.password)  # one hash for all: hashing 3,000 times would take minutes
    first, last = FIRST_NAMES.split(), LAST_NAMES.split()
    rows = data.users()
    users = User.objects.bulk_create(
        User(
            email=row["email"],
            first_name=first[row["idx"] % len(first)],
            last_name=f"{last[(row['idx'] // len(first)) % len(last)]} {row['idx']:05d}",
            password=password,
            date_joined=row["date_joined"],
        )
        for row in rows
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    structure_of = [structures[index % len(structures)] for index in range(len(users))]
    Membership.objects.bulk_create(
        Membership(
            user=user, structure_id=structure_of[index], role=Membership.Role.ADVISER, joined_at=user.date_joined
        )
        for index, user in enumerate(users)
    )
    log(f"Forum : {len(users)} personnes, conseillères de {len(structures)} structures")
    return [user.pk for user in users], structure_of


def _load(data, log):
    from practices.mentions import render_post
    from practices.models import Category, Post, Subscription, Topic

    categories = Category.objects.bulk_create(
        Category(
            name=row["title"],
            slug=f"{CATEGORY_PREFIX}{row['idx'] + 1:02d}",
            kind=Category.Kind.THEME,
            description=row["description"],
            position=100 + row["idx"],
        )
        for row in data.categories()
    )
    user_ids, structure_of = _people(data, log)
    hasher = data.new_hasher()
    total_topics, total_posts = data.counts["topics"], data.counts["comments"]
    done_topics = done_posts = 0
    started = time.perf_counter()
    batch = []
    for row in data.iter_topics():
        data.hash_topic(hasher, row)
        batch.append(row)
        if len(batch) == TOPICS_PER_BATCH:
            done_posts += _load_batch(batch, categories, user_ids, structure_of, render_post)
            done_topics += len(batch)
            batch = []
            if done_topics % (TOPICS_PER_BATCH * 4) == 0:
                elapsed = time.perf_counter() - started
                log(f"  … {done_topics}/{total_topics} sujets, {done_posts}/{total_posts} messages "
                    f"({elapsed:.0f} s, reste ~{elapsed * (total_topics / done_topics - 1):.0f} s)")  # fmt: skip
    if batch:
        done_posts += _load_batch(batch, categories, user_ids, structure_of, render_post)
        done_topics += len(batch)
    bench_topics = Topic.objects.filter(category__in=categories)
    # Each topic's last post, now that the posts have their ids: one UPDATE over the bench topics.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Topic._meta.db_table} AS t SET last_post_id = p.id FROM {Post._meta.db_table} AS p "
            "WHERE p.topic_id = t.id AND p.number = t.post_count AND t.category_id = ANY(%s)",
            [[category.pk for category in categories]],
        )
    # What topic_create does: the author follows their own question.
    Subscription.objects.bulk_create(
        (
            Subscription(user_id=author_id, topic_id=topic_id, level=Subscription.Level.WATCHING)
            for topic_id, author_id in bench_topics.values_list("pk", "author_id").iterator(chunk_size=5000)
        ),
        batch_size=5000,
    )
    for category in categories:  # every bench topic is outside working groups: all count in the category
        topics = Topic.objects.filter(category=category)
        figures = topics.aggregate(topics=Count("pk"), posts=Sum("post_count"), last=Max("last_activity_at"))
        Category.objects.filter(pk=category.pk).update(
            topic_count=figures["topics"],
            post_count=figures["posts"] or 0,
            last_activity_at=figures["last"],
            last_topic=topics.order_by("-last_activity_at", "-pk").first(),
        )
    log(f"Forum : {done_topics} sujets, {done_posts} messages dans {len(categories)} catégories")
    return hasher.hexdigest()


def _load_batch(rows, categories, user_ids, structure_of, render_post):
    from practices.models import Post, Topic

    topics = Topic.objects.bulk_create(
        Topic(
            category=categories[row["category_idx"]],
            title=row["title"][:150],
            author_id=user_ids[row["user_idx"]],
            author_structure_id=structure_of[row["user_idx"]],
            post_count=len(row["comments"]),
            last_activity_at=row["comments"][-1]["date"],
            created_at=row["date"],
        )
        for row in rows
    )
    posts, likes = [], []
    for topic, row in zip(topics, rows, strict=True):
        for number, comment in enumerate(row["comments"], start=1):
            posts.append(
                Post(
                    topic=topic,
                    number=number,
                    author_id=user_ids[comment["user_idx"]],
                    author_structure_id=structure_of[comment["user_idx"]],
                    body=comment["text"],
                    body_html=render_post(comment["text"]),  # as post_create does: rendered once, at save
                    reaction_count=len(comment["likers"]),
                    created_at=comment["date"],
                )
            )
            likes.append(comment["likers"])
    posts = Post.objects.bulk_create(posts, batch_size=POSTS_PER_INSERT)
    reactions = [
        (post.pk, user_ids[user_idx], when)
        for post, likers in zip(posts, likes, strict=True)
        for user_idx, when in likers
    ]
    _insert_reactions(reactions)
    reset_queries()
    return len(posts)


def _insert_reactions(rows):
    """Reactions with the data set's dates (bulk_create would stamp them all with now: created_at is auto_now_add)."""
    from practices.models import Reaction

    if not rows:
        return
    post_ids, user_ids, dates = zip(*rows, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Reaction._meta.db_table} (post_id, user_id, created_at) "
            "SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::timestamptz[])",
            [list(post_ids), list(user_ids), list(dates)],
        )


def _remove():
    """Take out an earlier load of this module (another version): its categories, their topics and posts, and the
    data set's people."""
    from allauth.account.models import EmailAddress

    from members.models import Membership, User
    from practices.models import Category, Post, Reaction, Subscription, Topic, TopicReadState

    with transaction.atomic():
        topics = Topic.objects.filter(category__slug__startswith=CATEGORY_PREFIX)
        Category.objects.filter(slug__startswith=CATEGORY_PREFIX).update(last_topic=None)
        topics.update(last_post=None, solution=None)
        Reaction.objects.filter(post__topic__in=topics).delete()
        TopicReadState.objects.filter(topic__in=topics).delete()
        Subscription.objects.filter(topic__in=topics).delete()
        Post.objects.filter(topic__in=topics).update(reply_to=None)
        Post.objects.filter(topic__in=topics)._raw_delete(connection.alias)
        topics._raw_delete(connection.alias)
        Category.objects.filter(slug__startswith=CATEGORY_PREFIX).delete()
        people = User.objects.filter(email__regex=r"^user[0-9]{5}@example\.com$")
        EmailAddress.objects.filter(user__in=people).delete()
        Membership.objects.filter(user__in=people).delete()
        people.delete()
        markers.put(MARKER, "removed")


def _analyze():
    from practices.models import Post, Reaction, Resource, Topic

    with connection.cursor() as cursor:
        for model in (Topic, Post, Reaction, Resource):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _refresh_search(log):
    """The search's stored vectors (another part of the portal adds them): refreshed when that function exists."""
    try:
        from practices.services import search
    except ImportError:
        return
    refresh = getattr(search, "refresh_search_vectors", None)
    if refresh is None:
        return
    wanted = f"{VERSION} {_facts.get('fingerprint')}"
    if markers.get("forum-search") == wanted:
        return
    started = time.perf_counter()
    refresh()
    markers.put("forum-search", wanted)
    log(f"Forum : vecteurs de recherche recalculés ({time.perf_counter() - started:.0f} s)")


def search_available():
    return importlib.util.find_spec("practices.services.search") is not None


SEARCH_QUERIES = (
    "configuration serveur",
    "problème réseau",
    "solution",
    "mise à jour logiciel",
    "recette chocolat",
    "examen université",
    "traduction anglais",
    "question importante",
)


def load_pages():
    from practices.models import Category, Topic
    from practices.pages.forum import POSTS_PER_PAGE
    from practices.pages.forum import TOPICS_PER_PAGE as per_page

    email = reader_email()
    categories = list(Category.objects.filter(slug__startswith=CATEGORY_PREFIX).order_by("position"))
    long_topics = list(
        Topic.objects.filter(category__in=categories)
        .order_by("-post_count", "pk")
        .values_list("pk", "post_count")[:PAGE_TOPICS]
    )

    def far_page(category):
        last = max(1, math.ceil(category.topic_count / per_page))
        return max(1, int(last * 0.9))

    pages = [
        LoadPage("forum_index", ("/communaute/",), email),
        LoadPage("category", tuple(c.get_absolute_url() for c in categories), email),
        LoadPage("category_far", tuple(f"{c.get_absolute_url()}?page={far_page(c)}" for c in categories), email),
        LoadPage("topic_first", tuple(f"/communaute/sujets/{pk}/" for pk, _ in long_topics), email),
        LoadPage(
            "topic_last",
            tuple(f"/communaute/sujets/{pk}/?page={math.ceil(count / POSTS_PER_PAGE)}" for pk, count in long_topics),
            email,
        ),
    ]
    if search_available():
        pages.append(LoadPage("search", tuple(f"/recherche/?q={quote_plus(q)}" for q in SEARCH_QUERIES), email))
    return pages
