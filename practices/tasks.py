"""Celery tasks of the forum: each loads its row by id and hands it to the services' notification code."""

from celery import shared_task

from .models import Post
from .services import notifications


@shared_task
def notify_post(post_id, send_emails=True):
    post = Post.objects.select_related("topic__category", "topic__working_group", "author", "author_structure").get(
        pk=post_id
    )
    notifications.notify_post(post, send_emails=send_emails)
