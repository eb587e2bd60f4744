"""Forum rows for tests, written through the real services (so counters, numbers and HTML are what pages see)."""

from django.utils.text import slugify

from practices.models import Category, GroupJoinRequest, GroupMembership, WorkingGroup
from practices.services import forum as services
from practices.services import moderation


def category(slug="accueil"):
    """One of the categories created by migration (or a new theme)."""
    found, _ = Category.objects.get_or_create(slug=slug, defaults={"name": slug.capitalize(), "kind": "theme"})
    return found


def structure_of(user):
    membership = user.memberships.active().select_related("structure").first()
    return membership.structure if membership else None


def topic(
    author,
    *,
    title="Accueillir un jeune sans diplôme",
    body="Comment faites-vous ?",
    category_slug="accueil",
    group=None,
    confidential=False,
    tags="",
):
    return services.topic_create(
        author=author,
        structure=structure_of(author),
        category=category(category_slug),
        title=title,
        body=body,
        tags=tags,
        is_confidential=confidential,
        working_group=group,
    )


def reply(topic_, author, body="Nous orientons vers la Mission locale.", reply_to=None):
    return services.post_create(
        topic=topic_, author=author, structure=structure_of(author), body=body, reply_to=reply_to
    )


def group(name="Référents du Pays de Rennes", *, closed=False, members=(), created_by=None):
    working_group = WorkingGroup.objects.create(
        name=name, slug=slugify(name), is_closed=closed, created_by=created_by, description="Un groupe de test."
    )
    for user in members:
        GroupMembership.objects.create(group=working_group, user=user)
    WorkingGroup.objects.filter(pk=working_group.pk).update(member_count=len(members))
    working_group.refresh_from_db()
    return working_group


def one_of_each(network):
    """A row of every forum model (the admin test opens each one)."""
    closed = group("Groupe fermé", closed=True, members=[network.adviser], created_by=network.adviser)
    GroupJoinRequest.objects.create(group=closed, user=network.other_adviser)
    question = topic(network.adviser, group=closed)
    answer = reply(question, network.referent)
    services.post_edit(
        post=answer, body="Nous orientons vers la Mission locale du secteur.", edited_by=network.referent
    )
    services.reaction_toggle(post=answer, user=network.adviser, useful=True)
    moderation.report_create(post=answer, reporter=network.adviser, reason="Un nom de jeune cité")
    moderation.topic_moderate(topic=question, moderator=network.regional_coordinator, action="pin")
    return question


def colleague_of(user):
    """Another adviser of `user`'s structure, logged in: `(user, client)`. The same sharing role as `user` (and,
    with no group, the same groups as a reader with none): a reader a shared page is built for alike."""
    from django.test import Client

    from tests.factories import MembershipFactory

    colleague = MembershipFactory(structure=user.memberships.get().structure).user
    client = Client()
    client.force_login(colleague)
    return colleague, client
