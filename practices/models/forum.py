"""The forum: categories, topics, posts, their earlier versions, "utile" reactions and each reader's place.

Lists are read far more often than written, so each topic carries its counters and last activity, and each
category the same for the topics every member may read (outside closed groups). Services keep them right with
F() expressions; the indexes match the orders in which lists are read.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from members.models.users import User
from spro_portal.links import link

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 20_000
TAGS_MAX_LENGTH = 200


class Category(models.Model):
    """A place of the forum: one per constitutive mission, and themes (outils, partenariats…)."""

    class Kind(models.TextChoices):
        MISSION = "mission", "Mission"
        THEME = "theme", "Thème"

    name = models.CharField("nom", max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField("sorte", max_length=16, choices=Kind.choices, default=Kind.THEME)
    mission = models.ForeignKey(
        "members.Mission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_categories",
        verbose_name="mission",
    )
    description = models.CharField("description", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("position", default=0)
    # Counters over the topics outside closed groups, which every member reads.
    topic_count = models.PositiveIntegerField("sujets", default=0, editable=False)
    post_count = models.PositiveIntegerField("messages", default=0, editable=False)
    last_activity_at = models.DateTimeField("dernière activité", null=True, blank=True, editable=False)
    last_topic = models.ForeignKey(
        "Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = "catégorie"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("practices:category", self.slug)


LIST_RELATED = (
    "category",
    "working_group",
    "author",
    "author_structure",
    "last_post__author",
    "last_post__author_structure",
)
_PERSON = User.NAME_FIELDS  # get_full_name, a closed account's label included
_STRUCTURE = ("name", "slug", "type")  # name, get_absolute_url, and the masked byline's « d'une Mission locale »
LIST_FIELDS = (
    *("category", "working_group", "title", "author", "author_structure", "is_confidential", "is_pinned"),
    *("is_locked", "solution", "post_count", "last_post", "last_activity_at", "created_at"),
    "category__name",
    "category__slug",
    "working_group__name",
    "working_group__slug",
    "working_group__is_closed",
    *(f"author__{name}" for name in _PERSON),
    *(f"author_structure__{name}" for name in _STRUCTURE),
    *(f"last_post__{name}" for name in ("topic", "number", "author", "author_structure", "is_confidential")),
    *(f"last_post__author__{name}" for name in _PERSON),
    *(f"last_post__author_structure__{name}" for name in _STRUCTURE),
)


class TopicQuerySet(models.QuerySet):
    def for_list(self):
        """What a list of topics shows: category, group, author and structure, last post and its author; only the
        columns a row reads (compiling and reading the whole width of seven tables cost more than the query)."""
        return self.select_related(*LIST_RELATED).only(*LIST_FIELDS)

    def solved(self):
        return self.filter(solution__isnull=False)

    def unanswered(self):
        return self.filter(post_count__lte=1)

    def unread_replies_for(self, user):
        """How many posts in this person's own topics they have not read yet. One query."""
        read = TopicReadState.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[:1]
        unread = (
            self.filter(author=user)
            .annotate(read=Coalesce(Subquery(read), 0))
            .filter(post_count__gt=F("read"))
            .aggregate(total=Sum(F("post_count") - F("read")))
        )
        return unread["total"] or 0

    def in_list_order(self):
        return self.order_by("-is_pinned", "-last_activity_at", "-pk")


class Topic(models.Model):
    """A question or a discussion, opened by its first post."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="topics", verbose_name="catégorie")
    working_group = models.ForeignKey(
        "WorkingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name="groupe de travail",
    )
    title = models.CharField("titre", max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_topics", verbose_name="auteur·rice"
    )
    author_structure = models.ForeignKey(
        "members.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_topics",
        verbose_name="structure de l'auteur·rice",
    )
    is_confidential = models.BooleanField(
        "au nom de ma structure",
        default=False,
        help_text="Le nom de l'auteur·rice n'est montré qu'aux coordinateur·rices.",
    )
    # Normalised: lower case, no duplicates, comma-separated ("vae,décrochage").
    tags = models.CharField("mots-clés", max_length=TAGS_MAX_LENGTH, blank=True)
    # « Discuter de cette ressource »: the topic and the resource's page link to each other.
    resource = models.ForeignKey(
        "Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussions",
        verbose_name="ressource discutée",
    )
    is_pinned = models.BooleanField("épinglé", default=False)
    is_locked = models.BooleanField("fermé", default=False)
    solution = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="solution"
    )
    post_count = models.PositiveIntegerField("messages", default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_activity_at = models.DateTimeField("dernière activité", db_index=False)
    created_at = models.DateTimeField("créé le")
    # Title (weight A), tags and opening post (B), in French without accents; kept by services/search.py.
    # Null on SQLite. Its GIN index is PostgreSQL's only, so migration 0005 creates it (not Meta.indexes).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "sujet"
        ordering = ["-last_activity_at"]
        indexes = [
            # The lists' order (in_list_order), after the column each list filters on. The category's and the latest
            # ones carry the group, which the reader's visibility reads (permissions.forum.topics_visible_to): a page
            # far down and its count walk the index alone, without the table (PostgreSQL; SQLite ignores INCLUDE).
            models.Index(
                fields=["category", "-is_pinned", "-last_activity_at", "-id"],
                include=["working_group"],
                name="topic_category_order",
            ),
            models.Index(fields=["working_group", "-is_pinned", "-last_activity_at", "-id"], name="topic_group_order"),
            models.Index(fields=["author", "-is_pinned", "-last_activity_at", "-id"], name="topic_author_order"),
            models.Index(fields=["-last_activity_at"], include=["working_group"], name="topic_latest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("practices:topic", self.pk)

    @property
    def tag_list(self):
        return [tag for tag in self.tags.split(",") if tag]

    @property
    def is_solved(self):
        return self.solution_id is not None

    @property
    def is_unanswered(self):
        return self.post_count <= 1

    @property
    def reply_count(self):
        return max(self.post_count - 1, 0)


class PostQuerySet(models.QuerySet):
    def for_topic_page(self):
        return self.select_related("author", "author_structure").order_by("number")


class Post(models.Model):
    """A message in a topic; the first one opens it. Never deleted: moderation hides it with a reason."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="posts", verbose_name="sujet")
    number = models.PositiveIntegerField("numéro dans le sujet")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts", verbose_name="auteur·rice"
    )
    author_structure = models.ForeignKey(
        "members.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name="structure de l'auteur·rice",
    )
    # The author of a confidential topic stays unnamed to peers in every post they write in it.
    is_confidential = models.BooleanField("au nom de sa structure", default=False)
    body = models.TextField("message", max_length=BODY_MAX_LENGTH)
    body_html = models.TextField("message (HTML assaini)", editable=False)
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="en réponse à"
    )
    reaction_count = models.PositiveIntegerField("« utile »", default=0, editable=False)
    created_at = models.DateTimeField("publié le")
    edited_at = models.DateTimeField("modifié le", null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_hidden = models.BooleanField("masqué", default=False)
    hidden_reason = models.CharField("motif du masquage", max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField("masqué le", null=True, blank=True)
    # The body (weight B), like Topic.search_vector.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = "message"
        ordering = ["topic", "number"]
        constraints = [models.UniqueConstraint(fields=["topic", "number"], name="one_post_number_per_topic")]
        indexes = [models.Index(fields=["author", "-created_at"], name="post_author_latest")]

    def __str__(self):
        return f"{self.topic} — message {self.number}"

    def get_absolute_url(self):
        return link("practices:post", self.pk)

    @property
    def anchor(self):
        return f"message-{self.number}"


class PostRevision(models.Model):
    """The text of a post before an edit, which moderators can read."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions", verbose_name="message")
    body = models.TextField("texte d'avant")
    written_at = models.DateTimeField("écrit le")
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="modifié par"
    )
    replaced_at = models.DateTimeField("remplacé le", auto_now_add=True)

    class Meta:
        verbose_name = "version antérieure d'un message"
        verbose_name_plural = "versions antérieures des messages"
        ordering = ["post", "-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} (avant le {self.replaced_at:%d/%m/%Y %H:%M})"


class Reaction(models.Model):
    """« Utile » on a post: one per person and post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions", verbose_name="message")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions")
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "réaction « utile »"
        verbose_name_plural = "réactions « utile »"
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_reaction_per_person_and_post")]

    def __str__(self):
        return f"{self.user} trouve utile {self.post}"


class TopicReadState(models.Model):
    """How far a person has read a topic: the number of the last post they were shown."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField("dernier message lu", default=0)
    updated_at = models.DateTimeField("le", auto_now=True)

    class Meta:
        verbose_name = "lecture d'un sujet"
        verbose_name_plural = "lectures des sujets"
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_read_state_per_person_and_topic")]

    def __str__(self):
        return f"{self.user} : {self.topic} lu jusqu'au message {self.last_read_number}"
