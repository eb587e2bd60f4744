"""Thin tasks: load by id, call the e-mail function."""

from celery import shared_task

from . import emails
from .models import ReuseStory


@shared_task
def send_resource_reused_email(story_id):
    story = ReuseStory.objects.select_related("resource__author", "author", "structure").get(pk=story_id)
    emails.resource_reused(story)
