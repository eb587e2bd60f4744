"""The forum's e-mails, one function per kind, rendered by spro_portal.emails (templates/emails/forum-*)."""

from django.utils.text import Truncator

from spro_portal.emails import send

from .models import Notification

TEMPLATES = {
    Notification.Kind.NEW_TOPIC: "forum-new-topic",
    Notification.Kind.REPLY: "forum-reply",
    Notification.Kind.MENTION: "forum-mention",
}


def send_forum_notification(notification):
    """`actor_label` is already what this recipient may read of the author (never a confidential author's name)."""
    from .pages.forum import post_page_url  # pages import the services, which import this module

    post = notification.post
    send(
        TEMPLATES[notification.kind],
        notification.recipient.email,
        {
            "notification": notification,
            "topic": notification.topic,
            "actor_label": notification.actor_label,
            "excerpt": Truncator(post.body).chars(400),
            "post_path": post_page_url(notification.topic, post.number),
        },
    )
