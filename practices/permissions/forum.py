"""Who reads, writes, edits, reacts to and settles the forum's topics, and how an author is named to a reader.

A topic in a closed working group exists only for the group's members and the coordinators. Authors edit their
own posts; coordinators moderate (they edit, see earlier versions and hidden posts, reply in closed topics).
The topic's author or a coordinator marks the solution. A confidential topic's author is never named to peers:
`author_label` is the one place that decides what a reader sees of who wrote something.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from members.wording import of_structure_type

from ..models import Post, Topic, WorkingGroup
from . import can_use, is_moderator, sharing_role
from .groups import group_ids_of


def closed_group_ids_hidden_from(actor):
    """The closed groups this person is not a member of, as a subquery (never evaluated here)."""
    return WorkingGroup.objects.filter(is_closed=True).exclude(pk__in=group_ids_of(actor)).values("pk")


def topics_visible_to(actor):
    """Topics this person may read: all for coordinators; outside closed groups, or in theirs, for members."""
    if not can_use(actor):
        return Topic.objects.none()
    if is_moderator(actor):
        return Topic.objects.all()
    # « Not in a closed group they are not in »: a test on the topic's own column against a handful of groups, so
    # a list walks its index without joining the groups for every row it skips or counts.
    return Topic.objects.exclude(working_group_id__in=closed_group_ids_hidden_from(actor))


class ReadingKey(NamedTuple):
    role: tuple
    group_ids: tuple = ()
    own: int | None = None  # who they are, when it changes what they read


def reading_key(actor):
    """What decides the topics a list gives this person and the bylines on them, as a value (a shared page's key,
    spro_portal.shared_pages): their role, their groups, and who they are only when they wrote something
    confidential (they read their own name on it). Two or three queries."""
    if not can_use(actor):
        return ReadingKey(sharing_role(actor))
    group_ids = tuple(sorted(group_ids_of(actor).values_list("group_id", flat=True)))
    mine = {"author_id": actor.user.pk, "is_confidential": True}
    wrote_confidential = Post.objects.filter(**mine).exists() or Topic.objects.filter(**mine).exists()
    return ReadingKey(sharing_role(actor), group_ids, actor.user.pk if wrote_confidential else None)


def may_read_topic_head(actor, head, group_ids):
    """`topics_visible_to`'s rule on a topic's cached head (`pages.forum.topic_head`): its group and whether it is
    closed, given the person's groups."""
    if not can_use(actor):
        return False
    return (
        is_moderator(actor)
        or head["working_group_id"] is None
        or not head["working_group__is_closed"]
        or head["working_group_id"] in group_ids
    )


def can_read_topic(actor, topic, *, group_ids):
    """`topics_visible_to`'s rule for a topic already read (with its `working_group`), given the person's groups
    (`group_ids_by_person`): the digest checks a whole chunk of people against the same rows this way."""
    if not can_use(actor):
        return False
    group = topic.working_group
    return is_moderator(actor) or group is None or not group.is_closed or group.pk in group_ids


def posts_visible_to(actor):
    return Post.objects.filter(topic__in=topics_visible_to(actor))


MAX_ID = 2**63 - 1


def checked_id(pk):
    """A hand-typed id too large for the database is a page that does not exist, not a crash."""
    if pk > MAX_ID:
        raise Http404("Aucun élément ne correspond à ce numéro.")
    return pk


def get_topic_for_reading(actor, pk):
    """A topic this person may not read does not exist for them (404)."""
    checked_id(pk)
    return get_object_or_404(
        topics_visible_to(actor)
        .select_related("category", "working_group", "author", "author_structure")
        .defer("search_vector"),  # the search's, as long as the text: never shown
        pk=pk,
    )


def get_post_for_reading(actor, pk):
    checked_id(pk)
    return get_object_or_404(
        Post.objects.filter(topic__in=topics_visible_to(actor)).select_related(
            "topic__category", "topic__working_group", "author", "author_structure"
        ),
        pk=pk,
    )


def can_start_topic(actor):
    return can_use(actor)


def can_reply(actor, topic):
    """A closed (locked) topic takes no more replies, except from moderators."""
    return can_use(actor) and (not topic.is_locked or is_moderator(actor))


def is_author(actor, obj):
    return actor.is_authenticated and obj.author_id == actor.user.pk


def can_edit_post(actor, post):
    if is_moderator(actor):
        return True
    return can_use(actor) and is_author(actor, post) and not post.is_hidden and not post.topic.is_locked


def can_read_hidden_post(actor, post):
    """A hidden post's text stays readable by its author (with the reason) and the moderators."""
    return is_moderator(actor) or is_author(actor, post)


def can_see_revisions(actor):
    return is_moderator(actor)


def can_mark_solution(actor, topic):
    return can_use(actor) and (is_author(actor, topic) or is_moderator(actor))


def can_be_solution(post):
    """The first post asks the question; an answer is any later post that is not hidden."""
    return post.number > 1 and not post.is_hidden


def can_react(actor, post):
    """« Utile » is for other people's posts."""
    return can_use(actor) and not is_author(actor, post) and not post.is_hidden


def can_report(actor, post):
    """Anyone but the author reports a post still shown."""
    return can_use(actor) and not is_author(actor, post) and not post.is_hidden


def ensure(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


# --- what a reader sees of an author -----------------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """Who wrote something, as this reader may see it."""

    name: str
    structure_name: str = ""
    structure_url: str = ""
    # For the coordinators and the author: the topic was posted on behalf of the structure.
    confidential_note: str = ""
    is_masked: bool = False


def masked_name(structure):
    """What peers read instead of a confidential author's name."""
    return f"un·e conseiller·e {of_structure_type(structure)}"


def public_byline(obj):
    """What any member may read: the masked label for a confidential post or topic, the name otherwise."""
    if obj.is_confidential:
        return Byline(name=masked_name(obj.author_structure), is_masked=True)
    structure = obj.author_structure
    return Byline(
        name=obj.author.get_full_name() or "Membre du réseau",
        structure_name=structure.name if structure else "Coordination du SPRO",
        structure_url=structure.get_absolute_url() if structure else "",
    )


def byline_kind(actor, *, is_confidential, author_id):
    """Which of `author_label`'s bylines this reader gets for a post or topic, from its columns alone: the key of
    the fragments that show it (a list's row), so that readers share a fragment only when they share the byline."""
    if not is_confidential:
        return "plain"
    if actor.is_authenticated and author_id == actor.user.pk:
        return "own"
    return "moderator" if is_moderator(actor) else "masked"


def author_label(actor, obj):
    """The byline of a post or topic for this reader: coordinators and the author see who wrote a confidential
    one (with a note); peers never do."""
    if obj.is_confidential and not (is_moderator(actor) or is_author(actor, obj)):
        return public_byline(obj)
    structure = obj.author_structure
    note = ""
    if obj.is_confidential:
        note = "publié au nom de votre structure" if is_author(actor, obj) else "publié au nom de sa structure"
    return Byline(
        name=obj.author.get_full_name() or "Membre du réseau",
        structure_name=structure.name if structure else "Coordination du SPRO",
        structure_url=structure.get_absolute_url() if structure else "",
        confidential_note=note,
    )


# --- abilities handed to templates -------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicAbilities:
    reply: bool = False
    mark_solution: bool = False
    moderate: bool = False


def topic_abilities(actor, topic):
    return TopicAbilities(
        reply=can_reply(actor, topic),
        mark_solution=can_mark_solution(actor, topic),
        moderate=is_moderator(actor),
    )


@dataclass(frozen=True)
class PostAbilities:
    edit: bool = False
    react: bool = False
    quote: bool = False
    mark_solution: bool = False
    unmark_solution: bool = False
    see_revisions: bool = False
    read_hidden: bool = False
    report: bool = False
    hide: bool = False
    restore: bool = False


def post_abilities(actor, topic, post, topic_can):
    is_solution = topic.solution_id == post.pk
    return PostAbilities(
        edit=can_edit_post(actor, post),
        react=can_react(actor, post),
        quote=topic_can.reply and not post.is_hidden,
        mark_solution=topic_can.mark_solution and can_be_solution(post) and not is_solution,
        unmark_solution=topic_can.mark_solution and is_solution,
        see_revisions=can_see_revisions(actor) and post.edited_at is not None,
        read_hidden=post.is_hidden and can_read_hidden_post(actor, post),
        report=can_report(actor, post),
        hide=topic_can.moderate and not post.is_hidden,
        restore=topic_can.moderate and post.is_hidden,
    )


# --- fetch and check: the object, or 404 (may not read it) / 403 (may read, may not do this) ---------------


def get_topic_for_reply(actor, pk):
    topic = get_topic_for_reading(actor, pk)
    ensure(can_reply(actor, topic), "Ce sujet est fermé : il ne reçoit plus de réponses.")
    return topic


def get_post_for_edit(actor, pk):
    post = get_post_for_reading(actor, pk)
    ensure(can_edit_post(actor, post), "Seul·e l'auteur·rice d'un message (ou la modération) peut le modifier.")
    return post


def get_post_for_revisions(actor, pk):
    post = get_post_for_reading(actor, pk)
    ensure(can_see_revisions(actor), "Les versions antérieures d'un message sont réservées à la modération.")
    return post


def get_post_for_reaction(actor, pk):
    post = get_post_for_reading(actor, pk)
    ensure(can_react(actor, post), "Vous ne pouvez pas dire « utile » de ce message (un des vôtres, ou masqué).")
    return post


def get_post_for_solution(actor, pk):
    post = get_post_for_reading(actor, pk)
    ensure(
        can_mark_solution(actor, post.topic),
        "Seul·e l'auteur·rice de la question ou un·e coordinateur·rice choisit la solution.",
    )
    return post


def get_topic_for_solution(actor, pk):
    topic = get_topic_for_reading(actor, pk)
    ensure(
        can_mark_solution(actor, topic),
        "Seul·e l'auteur·rice de la question ou un·e coordinateur·rice choisit la solution.",
    )
    return topic


def may_post_confidentially(actor):
    """Speaking on behalf of a structure needs one."""
    return actor.structure is not None


def can_manage_categories(actor):
    """Coordinators create and adapt the forum's categories."""
    return is_moderator(actor)


def ensure_can_manage_categories(actor):
    ensure(can_manage_categories(actor), "Seul·es les coordinateur·rices gèrent les catégories du forum.")
