"""Celery tasks of the forum and the library: each loads its row by id and calls a service or an e-mail function."""

from celery import shared_task

from . import emails
from .models import Post, ReuseStory
from .services import notifications


@shared_task
def notify_post(post_id, send_emails=True):
    post = Post.objects.select_related("topic__category", "topic__working_group", "author", "author_structure").get(
        pk=post_id
    )
    notifications.notify_post(post, send_emails=send_emails)


@shared_task
def notify_mentions_added(post_id, previous_body, send_emails=True):
    post = Post.objects.select_related("topic__category", "topic__working_group", "author", "author_structure").get(
        pk=post_id
    )
    concerned = notifications.newly_mentioned(post, previous_body)
    if concerned:
        notifications.notify_post(post, send_emails=send_emails, concerned=concerned)


@shared_task
def send_resource_reused_email(story_id):
    story = ReuseStory.objects.select_related("resource__author", "author", "structure").get(pk=story_id)
    emails.resource_reused(story)
