"""What the watching boxes and the notifications page read."""

from dataclasses import dataclass

from django.urls import reverse

from spro_portal import fragments
from spro_portal.pagination import Pagination, paginate

from ..models import Notification, Subscription
from ..permissions import notifications as permissions
from ..services.notifications import level_of
from .forum import post_page_url

NOTIFICATIONS_PER_PAGE = 30


@dataclass(frozen=True)
class WatchBox:
    """The small « Suivre » form of a category, topic or group page."""

    level: str | None  # None on a shared page: each option holds a slot (`options`), filled for its reader
    action: str
    choices: list
    what: str  # « cette catégorie », « ce sujet », « ce groupe »
    help: str
    slot_prefix: str = ""  # « watch:category:12 »

    @property
    def options(self):
        """(value, label, what follows the value in its <option>: « selected », a slot, or nothing)."""
        for value, label in self.choices:
            if self.level is None:
                yield value, label, fragments.slot(f"{self.slot_prefix}:{value}")
            else:
                yield value, label, " selected" if value == self.level else ""


WATCH_HELP = {
    "category": "« Suivre » : un e-mail à chaque nouveau sujet de la catégorie.",
    "topic": "« Suivre » : un e-mail à chaque réponse. « Ignorer » : aucun, même si la catégorie est suivie.",
    "working_group": "« Suivre » : un e-mail à chaque nouveau sujet du groupe.",
}


def watch_box(actor, *, shared=False, **target):
    """One query: this person's level for the target (« Normal » when they never chose); `shared`: none, the level
    left in slots (a page shared by its readers: `pages.forum.fill_list`, `fill_topic`)."""
    ((kind, obj),) = target.items()
    action, what = {
        "category": (lambda: reverse("practices:category_watch", args=[obj.slug]), "cette catégorie"),
        "topic": (lambda: reverse("practices:topic_watch", args=[obj.pk]), "ce sujet"),
        "working_group": (lambda: reverse("practices:group_watch", args=[obj.slug]), "ce groupe"),
    }[kind]
    return WatchBox(
        level=None if shared else level_of(actor.user, **target),
        action=action(),
        choices=Subscription.Level.choices,
        what=what,
        help=WATCH_HELP[kind],
        slot_prefix=f"watch:{kind}:{obj.pk}",
    )


@dataclass(frozen=True)
class NotificationRow:
    notification: Notification
    sentence: str  # before the topic's title
    url: str
    is_unread: bool


def _sentence(notification, user):
    label = notification.actor_label
    Kind = Notification.Kind
    if notification.kind == Kind.SOLUTION:
        if notification.post and notification.post.author_id == user.pk:
            return f"{label} a choisi votre réponse comme solution de"
        return f"{label} a marqué une solution à votre question"
    return {
        Kind.MENTION: f"{label} vous a mentionné·e dans",
        Kind.REPLY: f"{label} a répondu dans",
        Kind.NEW_TOPIC: f"{label} a ouvert le sujet",
        Kind.REACTION: f"{label} trouve utile votre message dans",
    }[notification.kind]


@dataclass(frozen=True)
class NotificationsPage:
    pages: Pagination
    rows: list
    unread: int


def notifications_page(actor, request):
    """Two queries for any number of rows: the page of notifications (with topic and post) and its count; the
    unread count comes with the header."""
    notifications = permissions.notifications_of(actor).select_related("topic", "post").order_by("-created_at", "-pk")
    pages = paginate(request, notifications, NOTIFICATIONS_PER_PAGE)
    rows = [
        NotificationRow(
            notification=notification,
            sentence=_sentence(notification, actor.user),
            url=post_page_url(notification.topic, notification.post.number)
            if notification.post
            else notification.topic.get_absolute_url(),
            is_unread=notification.read_at is None,
        )
        for notification in pages.page.object_list
    ]
    return NotificationsPage(pages=pages, rows=rows, unread=permissions.unread_count(actor))
