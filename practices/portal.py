"""What practices offers to the portal's composition (spro_portal.composition)."""

from spro_portal.composition import AppOffer, Link, SeedStep, SiteMapSection, Todo, one_digest_section, register
from spro_portal.links import link

from . import digest, permissions, personal_data
from .demo import forum as demo_forum
from .demo import resources as demo_resources
from .models import Topic
from .permissions import moderation as moderation_permissions
from .permissions import notifications as notification_permissions
from .permissions import search as search_permissions


@register
class PracticesOffer(AppOffer):
    order = 20

    def navigation(self, actor):
        if not permissions.can_use(actor):
            return []
        return [
            Link(
                "Communauté",
                link("practices:forum"),
                prefix="/communaute/",
                description="Questions, expériences et solutions entre collègues.",
                weight=10,
                # Unread notifications: one COUNT over a partial index, on every page.
                count=notification_permissions.unread_count(actor) or None,
            ),
            Link(
                "Ressources",
                link("practices:resources"),
                prefix="/ressources/",
                description="Outils, modèles et pratiques à réutiliser et adapter.",
                weight=20,
            ),
        ]

    def site_search(self, actor):
        if not search_permissions.can_search(actor):
            return None
        return Link("Rechercher", link("practices:search"), prefix=link("practices:search"))

    def todos(self, actor):
        if not permissions.can_use(actor):
            return []
        unread = Topic.objects.unread_replies_for(actor.user)
        if not unread:
            return []
        plural = "s" if unread > 1 else ""
        return [
            Todo(
                f"{unread} réponse{plural} à vos questions non lue{plural}.",
                link("practices:my_topics"),
                "Voir mes questions",
            )
        ]

    def coordination_menu(self, actor):
        if not moderation_permissions.can_moderate(actor):
            return []
        return [
            Link(
                "Modération du forum",
                link("practices:moderation"),
                prefix=link("practices:moderation"),
                count=moderation_permissions.open_reports().values("post").distinct().count(),
            )
        ]

    def digest_section(self, person, period):
        return one_digest_section(self, person, period)

    def digest_sections(self, batch):
        """The forum's and the library's sections (see practices.digest): fixed queries per chunk."""
        return digest.digest_sections(batch)

    def personal_data(self, person):
        return personal_data.personal_data(person)

    def account_closed(self, person):
        personal_data.account_closed(person)

    def site_map(self):
        return [
            SiteMapSection(
                "Communauté de pratique",
                (
                    Link("Forum : catégories et sujets", link("practices:forum")),
                    Link("Poser une question", link("practices:topic_create")),
                    Link("Mes questions", link("practices:my_topics")),
                    Link("Groupes de travail", link("practices:groups")),
                    Link("Mes notifications", link("practices:notifications")),
                    Link("Recherche dans le forum et les ressources", link("practices:search")),
                ),
                audience="réservé aux membres",
            ),
            SiteMapSection(
                "Ressources",
                (
                    Link("Bibliothèque de ressources (publiques : ouvertes à tous)", link("practices:resources")),
                    Link("Partager une ressource", link("practices:resource_create")),
                ),
            ),
            SiteMapSection(
                "Coordination",
                (Link("Modération du forum", link("practices:moderation")),),
                audience="réservé aux coordinateur·rices",
            ),
        ]

    seed_steps = (
        SeedStep(40, demo_forum.seed_categories),
        SeedStep(41, demo_forum.seed_groups),
        SeedStep(42, demo_forum.seed_topics),
        SeedStep(43, demo_resources.seed_resources),
    )

    def demo_data_exists(self):
        return Topic.objects.exists()
