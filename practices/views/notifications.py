"""Watching a category, a topic or a group; the notifications page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pages import context_of

from ..forms.notifications import WatchForm
from ..models import Category, Subscription
from ..pages import notifications as pages
from ..pages.forum import post_page_url
from ..permissions import members_only
from ..permissions import notifications as permissions
from ..services import notifications as services

SAID = {
    Subscription.Level.WATCHING: "Vous suivez {what} : vous recevrez un e-mail à chaque nouveauté.",
    Subscription.Level.NORMAL: "Suivi normal pour {what} : un e-mail seulement quand on vous mentionne.",
    Subscription.Level.MUTED: "Vous ignorez {what} : plus aucun e-mail, sauf si l'on vous mentionne.",
}


def _watch(request, redirect_to, what, **target):
    form = WatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["level"][0])
        return redirect(redirect_to)
    level = form.cleaned_data["level"]
    services.subscription_set(user=request.user, level=level, **target)
    messages.success(request, SAID[level].format(what=what))
    return redirect(redirect_to)


@require_POST
@members_only
def category_watch(request, slug):
    category = get_object_or_404(Category, slug=slug)
    return _watch(request, category, "cette catégorie", category=category)


@require_POST
@members_only
def topic_watch(request, pk):
    topic = permissions.get_topic_for_watching(request.actor, pk)
    return _watch(request, topic, "ce sujet", topic=topic)


@require_POST
@members_only
def group_watch(request, slug):
    group = permissions.get_group_for_watching(request.actor, slug)
    return _watch(request, group, "ce groupe", working_group=group)


@members_only
def notifications(request):
    page = pages.notifications_page(request.actor, request)
    return render(request, "practices/notifications.html", context_of(page))


@require_POST
@members_only
def notifications_read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, "Toutes vos notifications sont lues." if count else "Aucune notification à lire.")
    return redirect("practices:notifications")


@require_POST
@members_only
def notification_open(request, pk):
    notification = permissions.get_notification(request.actor, pk)
    services.mark_read(notification=notification)
    if notification.post:
        return redirect(post_page_url(notification.topic, notification.post.number))
    return redirect(notification.topic)
