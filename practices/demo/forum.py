"""Demo forum: the categories, a closed and an open working group, believable discussions in every category
(solved and unsolved, with reactions, a confidential question, some of it dated last month).

`seed_demo` steps offered by practices/portal.py, run after the members steps, whose SeedContext they read
(`structures`, `people`, `demo_users`). Posts are written through the services, so counters, numbers and the
sanitised HTML are exactly what the pages expect, then dated back. Each step creates only what is missing.
"""

from datetime import timedelta

from members.models import Mission, Structure, User

from ..models import (
    Category,
    GroupJoinRequest,
    GroupMembership,
    Post,
    Reaction,
    Subscription,
    Topic,
    TopicReadState,
    WorkingGroup,
)
from ..reference_data import ensure_categories
from ..services import forum as services
from ..services import notifications
from . import data


def seed_categories(ctx):
    ensure_categories(Category, Mission)
    ctx.forum_categories = {category.slug: category for category in Category.objects.all()}
    ctx.log(f"Forum : {len(ctx.forum_categories)} catégories")


class Authors:
    """Resolves "conseiller" (a demo account) or "@mission_locale" (an adviser of such a structure) to a user and
    their structure; the n-th use of a type takes the next person of that type, so voices vary."""

    def __init__(self, ctx):
        self.ctx = ctx
        structure_types = {slug: structure.type for slug, structure in ctx.structures.items()}
        by_type = {}
        for plan in ctx.people:
            by_type.setdefault(structure_types[plan.structure_slug], []).append(plan)
        users = User.objects.in_bulk([plan.email for plan in ctx.people], field_name="email")
        self.by_type = {
            kind: [(users[p.email], ctx.structures[p.structure_slug]) for p in plans] for kind, plans in by_type.items()
        }
        self.used = {}

    def get(self, key):
        if not key.startswith("@"):
            user = self.ctx.demo_users[key]
            membership = user.memberships.active().select_related("structure").first()
            return user, membership.structure if membership else None
        candidates = self.by_type.get(key[1:]) or self.by_type[Structure.Type.CIO]
        index = self.used.get(key, 0)
        self.used[key] = index + 1
        return candidates[index % len(candidates)]


def seed_groups(ctx):
    authors = Authors(ctx)
    ctx.forum_authors = authors
    ctx.working_groups = {}
    for spec in data.GROUPS:
        creator, _ = authors.get(spec["creator"])
        group, _ = WorkingGroup.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "is_closed": spec["closed"],
                "created_by": creator,
            },
        )
        for key in spec["members"]:
            user, _ = authors.get(key)
            GroupMembership.objects.get_or_create(group=group, user=user)
        WorkingGroup.objects.filter(pk=group.pk).update(member_count=group.memberships.count())
        ctx.working_groups[group.slug] = group
    key, slug, message = data.PENDING_GROUP_REQUEST
    user, _ = authors.get(key)
    group = ctx.working_groups[slug]
    if not GroupJoinRequest.objects.filter(group=group, user=user).exists():
        GroupJoinRequest.objects.create(group=group, user=user, message=message)
    ctx.log(f"Forum : {len(ctx.working_groups)} groupes de travail")


def _backdate(topic, start, hours):
    """Date the posts at `start`, then each reply `hours[i]` after the previous one."""
    moment = start
    dates = [moment]
    for delay in hours:
        moment += timedelta(hours=delay)
        dates.append(moment)
    posts = list(topic.posts.order_by("number"))
    for post, date in zip(posts, dates, strict=True):
        post.created_at = date
    Post.objects.bulk_update(posts, ["created_at"])
    Topic.objects.filter(pk=topic.pk).update(created_at=dates[0], last_activity_at=dates[-1])
    return dates[-1]


def seed_topics(ctx):
    with notifications.emails_off():  # the demo's discussions notify, but e-mail no one
        return _seed_topics(ctx)


# Demo accounts that watch a category: their notifications page and their digest's « nouveaux sujets dans ce que
# vous suivez » have something on first start.
DEMO_WATCHERS = {"conseiller": "accueil", "referent": "partenariats"}


def _seed_topics(ctx):
    authors = ctx.forum_authors
    for key, slug in DEMO_WATCHERS.items():
        if key in ctx.demo_users and slug in ctx.forum_categories:
            notifications.subscription_set(
                user=ctx.demo_users[key], category=ctx.forum_categories[slug], level=Subscription.Level.WATCHING
            )
    rng = ctx.rng("forum-reactions")
    reactors = [user for plans in authors.by_type.values() for user, _ in plans][:60]
    created = 0
    for spec in data.TOPICS:
        if Topic.objects.filter(title=spec["title"]).exists():
            continue
        user, structure = authors.get(spec["author"])
        topic = services.topic_create(
            author=user,
            structure=structure,
            category=ctx.forum_categories[spec["category"]],
            title=spec["title"],
            body=spec["body"],
            tags=spec.get("tags", ""),
            is_confidential=spec.get("confidential", False),
            working_group=ctx.working_groups.get(spec.get("group")),
        )
        posts = [topic.posts.get()]
        for key, body, _ in spec["replies"]:
            replier, replier_structure = authors.get(key)
            posts.append(services.post_create(topic=topic, author=replier, structure=replier_structure, body=body))
        for post, count in zip(posts[1:], spec.get("reactions", []), strict=False):
            for reactor in rng.sample([r for r in reactors if r.pk != post.author_id], count):
                services.reaction_toggle(post=post, user=reactor, useful=True)
        if spec.get("solution"):
            services.solution_mark(topic=topic, post=posts[spec["solution"]], marked_by=user)
        if spec.get("pinned"):
            Topic.objects.filter(pk=topic.pk).update(is_pinned=True)
        start = ctx.now - timedelta(days=spec["days_ago"], hours=rng.randint(1, 8))
        if spec.get("last_month"):  # last month's digest has these (dated in it whatever the day of the seed)
            start = ctx.in_last_month(spec["days_ago"] % 20 + 1)
        _backdate(topic, start, [hours for _, _, hours in spec["replies"]])
        # The author has read their question, not the answers: « N réponses à vos questions non lues ».
        TopicReadState.objects.filter(user=user, topic=topic).update(last_read_number=1)
        created += 1
    _refresh_category_activity()
    ctx.log(
        f"Forum : {Topic.objects.count()} sujets ({created} créés), {Post.objects.count()} messages, "
        f"{Reaction.objects.count()} « utile »"
    )


def _refresh_category_activity():
    """After dating back, each category's latest activity is its latest topic outside closed groups."""
    for category in Category.objects.all():
        latest = (
            Topic.objects.filter(category=category)
            .exclude(working_group__is_closed=True)
            .order_by("-last_activity_at")
            .first()
        )
        if latest:
            Category.objects.filter(pk=category.pk).update(last_topic=latest, last_activity_at=latest.last_activity_at)
