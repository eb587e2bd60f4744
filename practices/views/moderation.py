"""Reporting a post; the coordinators' moderation queue and actions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pages import context_of

from ..forms.moderation import HideForm, MoveForm, ReportForm, TopicModerationForm
from ..pages import moderation as pages
from ..pages.forum import post_page_url
from ..permissions import members_only
from ..permissions import moderation as permissions
from ..services import ServiceError
from ..services import moderation as services


@members_only
def post_report(request, pk):
    post = permissions.get_post_for_report(request.actor, pk)
    post_url = post_page_url(post.topic, post.number)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(post=post, reporter=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Merci : la modération va examiner ce message.")
        return redirect(post_url)
    return render(request, "practices/post_report.html", {"form": form, "post": post, "post_url": post_url})


@members_only
@permissions.moderators_only
def moderation(request):
    page = pages.moderation_page(request.actor, request)
    return render(
        request,
        "practices/moderation_queue.html",
        context_of(page, hide_form=HideForm()),
    )


def _done(request, call, success):
    try:
        call()
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)


def _back(request, fallback):
    """Back to the queue when the action came from it, otherwise to the post or topic."""
    return redirect("practices:moderation" if request.POST.get("from") == "queue" else fallback)


@require_POST
@members_only
def post_hide(request, pk):
    post = permissions.get_post_for_moderation(request.actor, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
    else:
        _done(
            request,
            lambda: services.post_hide(post=post, moderator=request.user, reason=form.cleaned_data["reason"]),
            "Le message est masqué ; son auteur·rice voit le motif.",
        )
    return _back(request, post_page_url(post.topic, post.number))


@require_POST
@members_only
def post_restore(request, pk):
    post = permissions.get_post_for_moderation(request.actor, pk)
    _done(request, lambda: services.post_restore(post=post, moderator=request.user), "Le message est rétabli.")
    return _back(request, post_page_url(post.topic, post.number))


@require_POST
@members_only
def report_dismiss(request, pk):
    report = permissions.get_report_for_moderation(request.actor, pk)
    services.report_dismiss(report=report, moderator=request.user)
    messages.success(request, "Les signalements de ce message sont classés sans suite.")
    return redirect("practices:moderation")


@require_POST
@members_only
def topic_moderate(request, pk):
    topic = permissions.get_topic_for_moderation(request.actor, pk)
    form = TopicModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["action"][0])
    else:
        action = form.cleaned_data["action"]
        _done(
            request,
            lambda: services.topic_moderate(topic=topic, moderator=request.user, action=action),
            f"C'est fait : {dict(form.fields['action'].choices)[action].lower()}.",
        )
    return redirect(topic)


@require_POST
@members_only
def topic_move(request, pk):
    topic = permissions.get_topic_for_moderation(request.actor, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["category"][0])
    else:
        category = form.cleaned_data["category"]
        _done(
            request,
            lambda: services.topic_move(topic=topic, moderator=request.user, category=category),
            f"Le sujet est déplacé vers « {category.name} ».",
        )
    return redirect(topic)
