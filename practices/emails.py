"""The forum's and library's e-mails, one function per kind: who receives it and what it says."""

from django.utils.text import Truncator

from spro_portal.emails import send

from .models import Notification
from .notifications import wants_email

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


def resource_reused(story):
    """Tell a resource's author that a structure told how it reused it (unless they turned this e-mail off)."""
    resource = story.resource
    if not wants_email(resource.author, "reuse"):
        return
    send(
        "resource-reused",
        resource.author.email,
        {"story": story, "resource": resource, "structure": story.structure, "teller": story.author},
    )
