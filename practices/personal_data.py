"""What practices holds about a person, for the composition's personal-data duties (spro_portal.privacy): the
person's export, and closing their account."""

import re

from spro_portal.composition import PersonalDataTable

from .mentions import CODE, render_post
from .models import (
    GroupJoinRequest,
    GroupMembership,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Report,
    Resource,
    ReuseStory,
    Subscription,
    Topic,
    TopicReadState,
)
from .services.groups import group_leave
from .services.notifications import forget_unread_counts
from .services.search import search_vectors_update


def _table(name, title, columns, rows):
    return PersonalDataTable(name, title, tuple(columns.split()), tuple(rows))


def _subscription_target(row):
    if row.topic_id:
        return f"Sujet « {row.topic.title} »"
    if row.category_id:
        return f"Catégorie « {row.category.name} »"
    return f"Groupe « {row.working_group.name} »"


def personal_data(person):
    """What the person wrote and chose in the forum and the library. Other people appear in it only through what
    the network shares (a topic's title), never by name or by what they wrote. Nine queries."""
    topics = Topic.objects.filter(author=person).select_related("category", "working_group").order_by("created_at")
    posts = Post.objects.filter(author=person).select_related("topic").order_by("created_at")
    reactions = Reaction.objects.filter(user=person).select_related("post__topic").order_by("created_at")
    resources = Resource.objects.filter(author=person).order_by("created_at")
    stories = ReuseStory.objects.filter(author=person).select_related("resource").order_by("created_at")
    subscriptions = Subscription.objects.filter(user=person).select_related("topic", "category", "working_group")
    groups = GroupMembership.objects.filter(user=person).select_related("group").order_by("joined_at")
    reports = Report.objects.filter(reporter=person).select_related("post__topic").order_by("created_at")
    notifications = Notification.objects.filter(recipient=person).select_related("topic").order_by("created_at")
    return [
        _table(
            "forum_sujets",
            "Sujets du forum que j'ai ouverts",
            "titre categorie groupe au_nom_de_ma_structure etiquettes ouvert_le",
            (
                {
                    "titre": row.title,
                    "categorie": row.category.name,
                    "groupe": row.working_group.name if row.working_group else "",
                    "au_nom_de_ma_structure": row.is_confidential,
                    "etiquettes": row.tags,
                    "ouvert_le": row.created_at,
                }
                for row in topics
            ),
        ),
        _table(
            "forum_messages",
            "Messages du forum que j'ai écrits",
            "sujet numero texte ecrit_le modifie_le masque_par_la_moderation",
            (
                {
                    "sujet": row.topic.title,
                    "numero": row.number,
                    "texte": row.body,
                    "ecrit_le": row.created_at,
                    "modifie_le": row.edited_at,
                    "masque_par_la_moderation": row.is_hidden,
                }
                for row in posts
            ),
        ),
        _table(
            "forum_utile",
            "Messages que j'ai trouvés utiles",
            "sujet numero_du_message le",
            (
                {"sujet": row.post.topic.title, "numero_du_message": row.post.number, "le": row.created_at}
                for row in reactions
            ),
        ),
        _table(
            "ressources",
            "Ressources que j'ai partagées",
            "titre resume sorte licence lien visibilite partagee_le retiree_le",
            (
                {
                    "titre": row.title,
                    "resume": row.summary,
                    "sorte": row.get_kind_display(),
                    "licence": row.get_licence_display(),
                    "lien": row.url,
                    "visibilite": row.get_visibility_display(),
                    "partagee_le": row.created_at,
                    "retiree_le": row.withdrawn_at,
                }
                for row in resources
            ),
        ),
        _table(
            "recits_de_reutilisation",
            "Récits de réutilisation que j'ai écrits",
            "ressource contexte adaptations resultat ecrit_le",
            (
                {
                    "ressource": row.resource.title,
                    "contexte": row.context,
                    "adaptations": row.adaptations,
                    "resultat": row.outcome,
                    "ecrit_le": row.created_at,
                }
                for row in stories
            ),
        ),
        _table(
            "abonnements",
            "Ce que je suis dans le forum",
            "quoi niveau depuis",
            (
                {"quoi": _subscription_target(row), "niveau": row.get_level_display(), "depuis": row.updated_at}
                for row in subscriptions
            ),
        ),
        _table(
            "groupes_de_travail",
            "Mes groupes de travail",
            "groupe depuis",
            ({"groupe": row.group.name, "depuis": row.joined_at} for row in groups),
        ),
        _table(
            "signalements",
            "Messages que j'ai signalés à la modération",
            "sujet numero_du_message motif etat le",
            (
                {
                    "sujet": row.post.topic.title,
                    "numero_du_message": row.post.number,
                    "motif": row.reason,
                    "etat": row.get_status_display(),
                    "le": row.created_at,
                }
                for row in reports
            ),
        ),
        _table(
            "notifications",
            "Notifications reçues",
            "sorte sujet recue_le lue_le envoyee_par_e_mail_le",
            (
                {
                    "sorte": row.get_kind_display(),
                    "sujet": row.topic.title if row.topic else "",
                    "recue_le": row.created_at,
                    "lue_le": row.read_at,
                    "envoyee_par_e_mail_le": row.emailed_at,
                }
                for row in notifications
            ),
        ),
    ]


def _unmention(text, handle, label):
    """« @aline.c » in someone's text becomes the closed account's label (outside code, which is quoted as written)."""
    pattern = re.compile(rf"(?<![\w@.])@{re.escape(handle)}(?![A-Za-z0-9._+-]*[A-Za-z0-9])", re.IGNORECASE)
    parts = CODE.split(text)
    return "".join(part if index % 2 else pattern.sub(label, part) for index, part in enumerate(parts))


def account_closed(person):
    """What practices blanks when an account closes: the person's name stored in others' notifications, their
    @handle (the start of their e-mail address) in posts, their subscriptions, read states, received notifications
    and group memberships. Their topics, posts, resources, reuse stories, reactions and reports stay."""
    label = person.former_label
    Notification.objects.filter(actor=person).update(actor_label=label)
    Notification.objects.filter(recipient=person).delete()
    forget_unread_counts([person.pk])
    Subscription.objects.filter(user=person).delete()
    TopicReadState.objects.filter(user=person).delete()
    GroupJoinRequest.objects.filter(user=person, status=GroupJoinRequest.Status.PENDING).delete()
    for membership in GroupMembership.objects.filter(user=person).select_related("group"):
        group_leave(group=membership.group, user=person)
    handle = person.email.rsplit("@", 1)[0]
    unmentioned = []
    for post in Post.objects.filter(body__icontains=f"@{handle}"):
        body = _unmention(post.body, handle, label)
        if body != post.body:
            Post.objects.filter(pk=post.pk).update(body=body, body_html=render_post(body))
            unmentioned.append(post)
    # The search must not find these posts by the old @handle any more.
    search_vectors_update(
        post_ids=[post.pk for post in unmentioned],
        topic_ids=[post.topic_id for post in unmentioned if post.number == 1],
    )
    for revision in PostRevision.objects.filter(body__icontains=f"@{handle}"):
        PostRevision.objects.filter(pk=revision.pk).update(body=_unmention(revision.body, handle, label))
