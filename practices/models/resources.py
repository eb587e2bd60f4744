"""The resource library: tools, models and practices shared with their credit and licence, their versions, and
the stories of how others reused them.

A resource is either a file (its versions, each stored under a random name through the storage API and
downloaded only through a permission-checked view) or an external link. It is withdrawn, never deleted. Its
download and reuse counts move with F() expressions in one UPDATE.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

RESOURCE_TITLE_MAX_LENGTH = 150
SUMMARY_MAX_LENGTH = 10_000
STORY_FIELD_MAX_LENGTH = 3_000


class Kind(models.TextChoices):
    TOOL = "outil", "Outil"
    TEMPLATE = "modele", "Modèle ou trame"
    EXPERIENCE = "retour", "Retour d'expérience"
    PRACTICE = "pratique", "Bonne pratique"
    WATCH = "veille", "Veille ou documentation"
    TRAINING = "formation", "Support de formation"


class Licence(models.TextChoices):
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    ALL_RIGHTS = "reserved", "Tous droits réservés"


LICENCE_EXPLANATIONS = {
    Licence.CC_BY: "Chacun·e peut la réutiliser, l'adapter et la diffuser, à condition de citer l'autrice ou "
    "l'auteur et sa structure.",
    Licence.CC_BY_SA: "Chacun·e peut la réutiliser et l'adapter en citant l'autrice ou l'auteur, et partage ses "
    "adaptations sous la même licence.",
    Licence.CC_BY_NC: "Chacun·e peut la réutiliser et l'adapter en citant l'autrice ou l'auteur, mais pas pour un "
    "usage commercial.",
    Licence.ALL_RIGHTS: "Consultation seulement : pour la reprendre ou l'adapter, demandez d'abord l'accord de "
    "l'autrice ou de l'auteur.",
}
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.fr",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/deed.fr",
}


class Visibility(models.TextChoices):
    NETWORK = "network", "Le réseau"
    GROUP = "group", "Un groupe de travail"
    PUBLIC = "public", "Tout le monde (public)"


class ResourceQuerySet(models.QuerySet):
    def for_list(self):
        """What a list shows: author, structure and its territory, the group."""
        return self.select_related("author", "author_structure__territory", "working_group")

    def for_page(self):
        """What its page reads of it at once: the resource it adapts is read apart, as this reader may see it; its
        missions, publics and co-authors only when its shared part is built (pages.resources); the search's vector,
        as long as the text, never."""
        return self.select_related("author", "author_structure", "working_group", "current_version").defer(
            "search_vector"
        )

    def kept(self):
        return self.filter(withdrawn_at__isnull=True)


class Resource(models.Model):
    title = models.CharField("titre", max_length=RESOURCE_TITLE_MAX_LENGTH)
    summary = models.TextField("présentation", max_length=SUMMARY_MAX_LENGTH)
    summary_html = models.TextField("présentation (HTML assaini)", editable=False)
    kind = models.CharField("sorte", max_length=16, choices=Kind.choices)
    missions = models.ManyToManyField("members.Mission", blank=True, related_name="resources")
    audiences = models.ManyToManyField("members.Audience", blank=True, related_name="resources")
    # Normalised like the forum's: lower case, comma-separated.
    tags = models.CharField("mots-clés", max_length=200, blank=True)
    url = models.URLField("lien", max_length=500, blank=True)
    has_file = models.BooleanField("avec un fichier", default=False, editable=False)
    current_version = models.ForeignKey(
        "ResourceVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resources", verbose_name="auteur·rice"
    )
    author_structure = models.ForeignKey(
        "members.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name="structure de l'auteur·rice",
    )
    co_authors = models.ManyToManyField(
        "members.Structure", blank=True, related_name="co_authored_resources", verbose_name="structures co-autrices"
    )
    licence = models.CharField("licence", max_length=16, choices=Licence.choices, default=Licence.CC_BY)
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derivations",
        verbose_name="adaptée de",
    )
    visibility = models.CharField("visible par", max_length=16, choices=Visibility.choices, default=Visibility.NETWORK)
    working_group = models.ForeignKey(
        "WorkingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name="groupe de travail",
    )
    download_count = models.PositiveIntegerField("téléchargements", default=0, editable=False)
    reuse_count = models.PositiveIntegerField("réutilisations", default=0, editable=False)
    created_at = models.DateTimeField("publiée le")
    updated_at = models.DateTimeField("modifiée le")
    withdrawn_at = models.DateTimeField("retirée le", null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # Title (weight A), summary and tags (B), like Topic.search_vector (null on SQLite, GIN index by migration).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = "ressource"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(has_file=True) & Q(url="")) | (Q(has_file=False) & ~Q(url="")),
                name="resource_is_a_file_or_a_link",
            ),
            models.CheckConstraint(
                condition=(Q(visibility="group") & Q(working_group__isnull=False))
                | (~Q(visibility="group") & Q(working_group__isnull=True)),
                name="resource_group_only_when_shared_with_a_group",
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="resource_latest"),
            models.Index(fields=["-reuse_count", "-created_at"], name="resource_most_reused"),
            models.Index(fields=["-download_count", "-created_at"], name="resource_most_downloaded"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:resource", args=[self.pk])

    @property
    def tag_list(self):
        return [tag for tag in self.tags.split(",") if tag]

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    @property
    def licence_explanation(self):
        return LICENCE_EXPLANATIONS[self.licence]

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")


def version_upload_to(instance, filename):
    # A random name: the stored path says nothing of the file and never collides; the original name is a field.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ressources/{uuid.uuid4().hex}.{extension}"


class ResourceVersion(models.Model):
    """One uploaded file of a resource; earlier ones stay downloadable."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("numéro")
    file = models.FileField("fichier", upload_to=version_upload_to, max_length=300)
    original_name = models.CharField("nom du fichier", max_length=120)
    size = models.PositiveIntegerField("taille")
    content_type = models.CharField(max_length=100)
    may_hold_markup = models.BooleanField("contient peut-être du code web", default=False)
    may_hold_formulas = models.BooleanField("contient peut-être des formules", default=False)
    note = models.CharField("ce qui a changé", max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField("ajoutée le")

    class Meta:
        verbose_name = "version d'une ressource"
        verbose_name_plural = "versions des ressources"
        ordering = ["resource", "-number"]
        constraints = [models.UniqueConstraint(fields=["resource", "number"], name="one_version_number_per_resource")]

    def __str__(self):
        return f"{self.resource} — version {self.number}"

    def get_absolute_url(self):
        return reverse("practices:resource_download", args=[self.pk])


class ReuseStory(models.Model):
    """How a structure reused a resource: the context, what was adapted, what came of it."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="reuse_stories")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reuse_stories")
    structure = models.ForeignKey(
        "members.Structure", on_delete=models.PROTECT, null=True, blank=True, related_name="reuse_stories"
    )
    context = models.TextField("le contexte", max_length=STORY_FIELD_MAX_LENGTH)
    adaptations = models.TextField("ce qui a été adapté", max_length=STORY_FIELD_MAX_LENGTH)
    outcome = models.TextField("ce que cela a donné", max_length=STORY_FIELD_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField("racontée le")

    class Meta:
        verbose_name = "récit de réutilisation"
        verbose_name_plural = "récits de réutilisation"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.resource} réutilisée par {self.structure or self.author}"
