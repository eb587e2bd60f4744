"""The community's part of the monthly digest, built for a whole chunk of people at once.

Forum: new topics in the categories and working groups the person watches, the most useful topics of the period,
questions still unanswered in their structure's missions; the moderation queue for coordinators. Resources: new
resources in their missions, the reuse stories of resources they wrote (« votre travail a été réutilisé »).

Every list is read once for the chunk (a fixed number of queries, whatever its size or the forum's), then each
person keeps what `permissions` lets them read: `can_read_topic` and `can_read_resource` are the rules of
`topics_visible_to` and `resources_visible_to` applied to rows already read, and `author_label` decides how an
author is named (a confidential question's author never to peers). Hidden posts count for nothing and a topic
whose opening post is hidden is left out.
"""

from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, Sum
from django.urls import reverse

from members.actor import build_actors
from members.models import Structure
from spro_portal.composition import DigestCount, DigestItem, DigestSection
from spro_portal.dates import long_date
from spro_portal.digest.models import Frequency

from .models import Post, Resource, ReuseStory, Subscription, Topic
from .permissions import can_use
from .permissions.forum import author_label, can_read_topic
from .permissions.groups import group_ids_by_person
from .permissions.moderation import can_moderate, open_reports
from .permissions.resources import can_read_resource

SHOWN = 5  # lines of each list; the count says how many there are in all
USEFUL_SHOWN = 3
USEFUL_CANDIDATES = 60  # the period's most useful topics read once, before each person's visibility
UNANSWERED_WINDOW = timedelta(days=60)  # a question still unanswered from the two months before counts too
UNANSWERED_CANDIDATES = 500


def plural(count, one, many):
    return one if count == 1 else many


def counted(rows, one, many):
    """The figure at the top of a section: « 3 questions sans réponse »."""
    return DigestCount(len(rows), plural(len(rows), one, many))


class Chunk:
    """What the forum and the library offer a chunk of people for a period, read in a fixed number of queries."""

    def __init__(self, batch):
        self.period = batch.period
        self.people = batch.people
        self.actors = batch.memo("actors", lambda: build_actors(batch.people))
        self.members = [self.actors[person.pk] for person in self.people if can_use(self.actors[person.pk])]
        self.group_ids = batch.memo("practices.group_ids", lambda: group_ids_by_person(self.members))
        self.missions = self._structure_missions()
        self.span = "du mois" if batch.period.frequency == Frequency.MONTHLY else "de la semaine"
        self._urls = {}
        self._lines = {}

    # --- reads, once per chunk --------------------------------------------------------------------------------

    def _structure_missions(self):
        """`{structure id: {mission id, …}}` of the chunk's structures (one query)."""
        structure_ids = {actor.structure_id for actor in self.members if actor.structure_id}
        found = {pk: set() for pk in structure_ids}
        through = Structure.missions.through.objects.filter(structure_id__in=structure_ids)
        for structure_id, mission_id in through.values_list("structure_id", "mission_id"):
            found[structure_id].add(mission_id)
        return found

    def _in_period(self, queryset, field="created_at"):
        return queryset.filter(**{f"{field}__gte": self.period.start, f"{field}__lt": self.period.end})

    @staticmethod
    def _shown_topics(queryset):
        """Topics with what a line shows, without those whose opening post is hidden."""
        opening_hidden = Post.objects.filter(topic=OuterRef("pk"), number=1, is_hidden=True)
        return queryset.exclude(Exists(opening_hidden)).select_related(
            "category", "working_group", "author", "author_structure"
        )

    def watched(self):
        """`{user id: (category ids, group ids)}` watched by the chunk's members (one query)."""
        found = {}
        rows = Subscription.objects.filter(
            user_id__in=[actor.user.pk for actor in self.members],
            level=Subscription.Level.WATCHING,
            topic__isnull=True,
        ).values_list("user_id", "category_id", "working_group_id")
        for user_id, category_id, group_id in rows:
            categories, groups = found.setdefault(user_id, (set(), set()))
            if category_id:
                categories.add(category_id)
            if group_id:
                groups.add(group_id)
        return found

    def new_topics(self, watched):
        """The period's new topics in any watched category or group, newest first (one query, none if no one
        watches anything)."""
        categories = set().union(*(c for c, _ in watched.values()))
        groups = set().union(*(g for _, g in watched.values()))
        if not (categories or groups):
            return []
        places = Q(category_id__in=categories) | Q(working_group_id__in=groups)
        return list(self._shown_topics(self._in_period(Topic.objects.filter(places))).order_by("-created_at", "-pk"))

    def useful_topics(self):
        """The topics whose posts of the period were found most useful (hidden posts count for nothing): two
        queries, the scores then the topics."""
        scores = dict(
            self._in_period(Post.objects.filter(is_hidden=False, reaction_count__gt=0))
            .values("topic")
            .annotate(useful=Sum("reaction_count"))
            .order_by("-useful", "topic")
            .values_list("topic", "useful")[:USEFUL_CANDIDATES]
        )
        if not scores:
            return []
        topics = self._shown_topics(Topic.objects.filter(pk__in=scores))
        return sorted(((topic, scores[topic.pk]) for topic in topics), key=lambda pair: (-pair[1], pair[0].pk))

    def unanswered_by_mission(self):
        """`{mission id: [topic, …]}`: questions still without an answer in the missions' categories, asked during
        the period or the two months before, newest first (one query)."""
        if not any(self.missions.values()):
            return {}
        topics = self._shown_topics(
            Topic.objects.unanswered().filter(
                is_locked=False,
                category__mission_id__in=set().union(*self.missions.values()),
                created_at__gte=self.period.start - UNANSWERED_WINDOW,
                created_at__lt=self.period.end,
            )
        ).order_by("-created_at", "-pk")[:UNANSWERED_CANDIDATES]
        found = {}
        for topic in topics:
            found.setdefault(topic.category.mission_id, []).append(topic)
        return found

    def moderation_queue(self):
        """The open reports (how many posts, since when): one query, only if the chunk has a moderator."""
        if not any(can_moderate(actor) for actor in self.members):
            return None
        return open_reports().aggregate(posts=Count("post", distinct=True), oldest=Min("created_at"))

    def new_resources(self):
        """The period's new resources still offered, each with its missions' ids (two queries)."""
        resources = list(
            self._in_period(Resource.objects.kept())
            .select_related("author", "author_structure")
            .prefetch_related("missions")
            .order_by("-created_at", "-pk")
        )
        return [(resource, {mission.pk for mission in resource.missions.all()}) for resource in resources]

    def reuse_stories(self):
        """`{author id: [story, …]}`: the period's reuse stories of resources the chunk's people wrote (one
        query)."""
        stories = (
            self._in_period(ReuseStory.objects.filter(resource__author_id__in=[a.user.pk for a in self.members]))
            .select_related("resource", "structure", "author")
            .order_by("-created_at", "-pk")
        )
        found = {}
        for story in stories:
            found.setdefault(story.resource.author_id, []).append(story)
        return found

    # --- each person's lines ----------------------------------------------------------------------------------

    def url(self, obj):
        key = (type(obj), obj.pk)
        if key not in self._urls:
            self._urls[key] = obj.get_absolute_url()
        return self._urls[key]

    def topic_line(self, actor, topic, text=""):
        # The line depends on the reader only through what author_label looks at: made once per kind of reader.
        key = (topic.pk, text, can_moderate(actor), topic.author_id == actor.user.pk)
        if key not in self._lines:
            self._lines[key] = self._topic_line(actor, topic, text)
        return self._lines[key]

    def _topic_line(self, actor, topic, text):
        byline = author_label(actor, topic)
        who = (
            byline.name if byline.is_masked or not byline.structure_name else f"{byline.name} ({byline.structure_name})"
        )
        where = topic.working_group.name if topic.working_group else topic.category.name
        return DigestItem(f"{text}« {topic.title} », dans {where}, par {who}.", self.url(topic), "Lire le sujet")

    def readable(self, actor, topics):
        mine = self.group_ids.get(actor.user.pk, set())
        return [topic for topic in topics if can_read_topic(actor, topic, group_ids=mine)]

    def forum_section(self, actor, new_topics, watched, useful, unanswered, queue):
        items, counts = [], []
        categories, groups = watched.get(actor.user.pk, ((), ()))
        watched_topics = [
            topic
            for topic in self.readable(actor, new_topics)
            if topic.author_id != actor.user.pk
            and (topic.category_id in categories or topic.working_group_id in groups)
        ]
        if watched_topics:
            counts.append(
                counted(
                    watched_topics, "nouveau sujet dans ce que vous suivez", "nouveaux sujets dans ce que vous suivez"
                )
            )
            items += [self.topic_line(actor, topic, "Nouveau : ") for topic in watched_topics[:SHOWN]]
        shown = {topic.pk for topic in watched_topics[:SHOWN]}  # a topic is told once, in the first list it is in
        mine = self.group_ids.get(actor.user.pk, set())
        best = [(topic, score) for topic, score in useful if can_read_topic(actor, topic, group_ids=mine)]
        for topic, score in best[:USEFUL_SHOWN]:
            if topic.pk not in shown:
                shown.add(topic.pk)
                items.append(self.topic_line(actor, topic, f"Parmi les plus utiles {self.span} ({score} « utile ») : "))
        missions = self.missions.get(actor.structure_id, set())
        open_questions = [
            topic
            for mission_id in missions
            for topic in self.readable(actor, unanswered.get(mission_id, []))
            if topic.author_id != actor.user.pk
        ]
        if open_questions:
            open_questions.sort(key=lambda topic: (topic.created_at, topic.pk), reverse=True)
            counts.append(
                counted(
                    open_questions,
                    "question sans réponse dans vos missions",
                    "questions sans réponse dans vos missions",
                )
            )
            fresh = [topic for topic in open_questions if topic.pk not in shown]
            items += [self.topic_line(actor, topic, "Sans réponse : ") for topic in fresh[:SHOWN]]
        if queue and queue["posts"] and can_moderate(actor):
            count = queue["posts"]
            counts.append(DigestCount(count, plural(count, "message signalé à modérer", "messages signalés à modérer")))
            items.append(
                DigestItem(
                    f"{count} {plural(count, 'message signalé attend', 'messages signalés attendent')} la modération, "
                    f"le plus ancien depuis le {long_date(queue['oldest'])}.",
                    reverse("practices:moderation"),
                    "Ouvrir la file de modération",
                )
            )
        if not items and not counts:
            return None
        return DigestSection("Communauté", items=tuple(items), counts=tuple(counts))

    def resources_section(self, actor, new_resources, stories):
        items, counts = [], []
        missions = self.missions.get(actor.structure_id, set())
        mine = self.group_ids.get(actor.user.pk, set())
        in_missions = [
            resource
            for resource, resource_missions in new_resources
            if resource.author_id != actor.user.pk
            and not missions.isdisjoint(resource_missions)
            and can_read_resource(actor, resource, group_ids=mine)
        ]
        if in_missions:
            counts.append(
                counted(in_missions, "nouvelle ressource dans vos missions", "nouvelles ressources dans vos missions")
            )
            for resource in in_missions[:SHOWN]:
                structure = resource.author_structure.name if resource.author_structure else "la coordination du SPRO"
                items.append(
                    DigestItem(
                        f"Nouvelle ressource : « {resource.title} », partagée par {structure}.",
                        self.url(resource),
                        "Voir la ressource",
                    )
                )
        reused = stories.get(actor.user.pk, [])
        for story in reused[:SHOWN]:
            who = story.structure.name if story.structure else "un membre du réseau"
            items.append(
                DigestItem(
                    f"Votre travail a été réutilisé : {who} a raconté sa réutilisation de « {story.resource.title} ».",
                    self.url(story.resource) + "#reutilisations",
                    "Lire le récit",
                )
            )
        if reused:
            counts.append(
                counted(reused, "récit de réutilisation de vos ressources", "récits de réutilisation de vos ressources")
            )
        if not items:
            return None
        return DigestSection("Ressources", items=tuple(items), counts=tuple(counts))

    def sections(self):
        if not self.members:
            return {}
        watched = self.watched()
        new_topics = self.new_topics(watched)
        useful = self.useful_topics()
        unanswered = self.unanswered_by_mission()
        queue = self.moderation_queue()
        new_resources = self.new_resources()
        stories = self.reuse_stories()
        found = {}
        for actor in self.members:
            sections = [
                self.forum_section(actor, new_topics, watched, useful, unanswered, queue),
                self.resources_section(actor, new_resources, stories),
            ]
            found[actor.user.pk] = [section for section in sections if section is not None]
        return found


def digest_sections(batch):
    """`{person.pk: [DigestSection, …]}` for the chunk: the forum's and the library's."""
    return Chunk(batch).sections()
