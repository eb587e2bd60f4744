"""Topics, posts, edits, reactions, solutions and read markers.

Counters are moved with F() expressions in UPDATE statements, never read, changed and saved: two people posting
at once both get their post and the counts stay right. A new post's number is read back after the UPDATE that
moves the topic's count, which holds the topic's row lock until commit on PostgreSQL (and is the transaction's
first write on SQLite, so it never has to upgrade a read lock).
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from spro_portal import fragments

from .. import signals
from ..mentions import render_post
from ..models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    Topic,
    TopicReadState,
)
from . import ServiceError, notifications
from .search import search_vectors_update

MAX_TAGS = 5
TAG_MAX_LENGTH = 30
_SPACES = re.compile(r"\s+")


def normalize_tags(text):
    """« VAE, Décrochage ,vae » → "vae,décrochage": lower case, single spaces, no duplicates, at most five."""
    tags = []
    for raw in (text or "").split(","):
        tag = _SPACES.sub(" ", raw).strip().lower()[:TAG_MAX_LENGTH].strip()
        if tag and tag not in tags:
            tags.append(tag)
    return ",".join(tags[:MAX_TAGS])


def _check_text(*, title=None, body):
    if title is not None and not title.strip():
        raise ServiceError("Donnez un titre à votre sujet.")
    if title is not None and len(title) > TITLE_MAX_LENGTH:
        raise ServiceError(f"Le titre est trop long ({TITLE_MAX_LENGTH} caractères au plus).")
    if not body.strip():
        raise ServiceError("Le message est vide : écrivez quelques mots.")
    if len(body) > BODY_MAX_LENGTH:
        raise ServiceError(f"Le message est trop long ({BODY_MAX_LENGTH} caractères au plus).")


def _is_public(topic):
    """Topics outside closed groups are counted in their category, which every member sees."""
    return topic.working_group_id is None or not topic.working_group.is_closed


def topic_create(
    *, author, structure, category, title, body, tags="", is_confidential=False, working_group=None, resource=None
):
    """Open a topic with its first post. A confidential topic needs a structure to speak for."""
    _check_text(title=title, body=body)
    if is_confidential and structure is None:
        raise ServiceError("Seul·e un·e membre d'une structure peut publier au nom de sa structure.")
    now = timezone.now()
    with transaction.atomic():
        topic = Topic.objects.create(
            category=category,
            working_group=working_group,
            title=title.strip(),
            author=author,
            author_structure=structure,
            is_confidential=is_confidential,
            tags=normalize_tags(tags),
            resource=resource,
            last_activity_at=now,
            created_at=now,
        )
        if _is_public(topic):
            Category.objects.filter(pk=category.pk).update(topic_count=F("topic_count") + 1)
        # Authors follow their own questions: the replies reach them by e-mail.
        Subscription.objects.create(user=author, topic=topic, level=Subscription.Level.WATCHING)
        post_create(topic=topic, author=author, structure=structure, body=body, now=now)
        search_vectors_update(topic_ids=[topic.pk])
    topic.refresh_from_db()
    return topic


def post_create(*, topic, author, structure, body, reply_to=None, now=None):
    """Add a post at the end of a topic; the author has read the topic up to it."""
    _check_text(body=body)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        raise ServiceError("Le message cité n'appartient pas à ce sujet.")
    now = now or timezone.now()
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(post_count=F("post_count") + 1, last_activity_at=now)
        number = Topic.objects.filter(pk=topic.pk).values_list("post_count", flat=True).get()
        post = Post.objects.create(
            topic=topic,
            number=number,
            author=author,
            author_structure=structure,
            is_confidential=topic.is_confidential and topic.author_id == author.pk,
            body=body,
            body_html=render_post(body),
            reply_to=reply_to,
            created_at=now,
        )
        Topic.objects.filter(pk=topic.pk).update(last_post=post)
        if _is_public(topic):
            Category.objects.filter(pk=topic.category_id).update(
                post_count=F("post_count") + 1, last_activity_at=now, last_topic=topic
            )
        read_state_advance(user=author, topic=topic, number=number)
        search_vectors_update(post_ids=[post.pk])
        notifications.after_commit_notify_post(post)
    return post


def quote_of(post, byline):
    """The Markdown that starts a reply quoting `post`; `byline` is the public one (the quote is read by all)."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.body.strip().splitlines())
    return f"> **{byline.name}** a écrit :\n>\n{quoted}\n\n"


def post_edit(*, post, body, edited_by, title=None, tags=None):
    """Change a post's text, keeping the earlier text for the moderators; on the first post, also the title and
    tags of the topic."""
    _check_text(title=title, body=body)
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
        if body != post.body:
            revision_body = post.body
            PostRevision.objects.create(
                post=post, body=post.body, written_at=post.edited_at or post.created_at, replaced_by=edited_by
            )
            post.body = body
            post.body_html = render_post(body)
            post.edited_at = now
            post.edited_by = edited_by
            post.save(update_fields=["body", "body_html", "edited_at", "edited_by"])
            notifications.after_commit_notify_mentions(post, previous_body=revision_body)
        if post.number == 1 and (title is not None or tags is not None):
            topic = post.topic
            topic.title = title.strip() if title is not None else topic.title
            topic.tags = normalize_tags(tags) if tags is not None else topic.tags
            topic.save(update_fields=["title", "tags"])
        search_vectors_update(post_ids=[post.pk], topic_ids=[post.topic_id] if post.number == 1 else ())
    return post


def reaction_toggle(*, post, user, useful=None):
    """Say a post is « utile », or take it back; `useful` sets the state (a form sent twice changes nothing),
    None flips it. Returns (useful, count). Each branch writes first, so SQLite never has to upgrade a read."""
    with transaction.atomic():
        if useful is None:
            useful = not _reaction_remove(post, user)
            if useful:
                _reaction_add(post, user)
        elif useful:
            _reaction_add(post, user)
        else:
            _reaction_remove(post, user)
        count = Post.objects.filter(pk=post.pk).values_list("reaction_count", flat=True).get()
    return useful, count


def _reaction_add(post, user):
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user)
    except IntegrityError:
        return  # already there (a second click, or a second tab): nothing more to count
    Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
    notifications.notify_reaction(post=post, user=user)


def _reaction_remove(post, user):
    removed = Reaction.objects.filter(post=post, user=user).delete()[0]
    if removed:
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") - 1)
    return removed


def solution_mark(*, topic, post, marked_by):
    """Mark an answer (not the question itself, not a hidden post) as the topic's solution."""
    if post.topic_id != topic.pk:
        raise ServiceError("Ce message n'appartient pas à ce sujet.")
    if post.number == 1:
        raise ServiceError("Le premier message pose la question : choisissez une réponse comme solution.")
    if post.is_hidden:
        raise ServiceError("Un message masqué par la modération ne peut pas être la solution.")
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(solution=post)
        notifications.notify_solution(topic=topic, post=post, marked_by=marked_by)
        fragments.renew_on_commit(signals.ACTIVITY)  # update() sends no signal
    topic.solution = post
    return topic


def solution_unmark(*, topic, unmarked_by):
    Topic.objects.filter(pk=topic.pk).update(solution=None)
    fragments.renew_on_commit(signals.ACTIVITY)
    topic.solution = None
    return topic


_UNKNOWN = object()


def read_state_advance(*, user, topic, number, state=_UNKNOWN):
    """Move a reader's marker forward to post `number`: one INSERT or one UPDATE, and nothing when it would not
    move. `state` is the TopicReadState (or None) the caller already read, to spare the lookup."""
    if state is _UNKNOWN:
        state = TopicReadState.objects.filter(user=user, topic=topic).first()
    read = None if state is None else state.last_read_number
    read_marker_move(user_id=user.pk, topic_id=topic.pk, read=read, number=number)


def read_marker_move(*, user_id, topic_id, read, number):
    """`read_state_advance` when the marker's number was already read (`read`, None when there is no marker)."""
    if read is None:
        TopicReadState.objects.bulk_create(
            [TopicReadState(user_id=user_id, topic_id=topic_id, last_read_number=number)], ignore_conflicts=True
        )
    elif read < number:
        # The condition keeps a slower tab that shows an earlier page from moving the marker back.
        TopicReadState.objects.filter(user_id=user_id, topic_id=topic_id, last_read_number__lt=number).update(
            last_read_number=number, updated_at=timezone.now()
        )
