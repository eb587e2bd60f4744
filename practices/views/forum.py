"""The forum: categories, topics, replies, edits, « utile », solutions. Views bind, ask permissions, call a service
or a page builder, and render."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from spro_portal.pages import context_of
from spro_portal.shared_pages import render_shared

from ..forms.forum import PREVIEW, PostEditForm, ReactionForm, ReplyForm, TopicForm
from ..forms.moderation import MoveForm
from ..mentions import render_post
from ..models import Category
from ..pages import forum as pages
from ..pages import notifications as notification_pages
from ..permissions import forum as permissions
from ..permissions import members_only
from ..permissions.groups import get_group_for_new_topic
from ..permissions.resources import resource_to_discuss
from ..services import ServiceError
from ..services import forum as services
from ..templatetags.forum_html import reaction_html


@members_only
def forum(request):
    """Shared by the readers who get the same topics and bylines (spro_portal.shared_pages), their read markers
    filled for each."""
    actor = request.actor
    return render_shared(
        request,
        "practices/forum_index.html",
        lambda: context_of(pages.forum_index_page(actor)),
        kind="forum",
        parts=lambda: (pages.reader_key(actor),),
        generations=pages.LIST_GENERATIONS,
        fill=lambda html: pages.fill_readings(actor, html),
    )


@members_only
def category(request, slug):
    """Shared like the forum's index; the category is read only when the page is built, the reader's read markers
    and watching level filled for each."""
    actor = request.actor

    def context():
        category = get_object_or_404(Category, slug=slug)
        page = pages.category_page(actor, request, category)
        return context_of(page, watch=notification_pages.watch_box(actor, shared=True, category=category))

    return render_shared(
        request,
        "practices/category_detail.html",
        context,
        kind="category",
        parts=lambda: (pages.reader_key(actor),),
        generations=pages.LIST_GENERATIONS,
        fill=lambda html: pages.fill_list(actor, html),
    )


@members_only
def my_topics(request):
    page = pages.my_topics_page(request.actor, request)
    return render(request, "practices/topic_mine.html", context_of(page))


@members_only
def topic(request, pk):
    """Shared by the readers who read it alike (`pages.topic_share_key`: not those who wrote in it), each reader's
    « Utile », first unread post, marker and watching level filled for them."""
    actor = request.actor

    def context():
        topic = permissions.get_topic_for_reading(actor, pk)
        page = pages.topic_page(actor, request, topic)
        return context_of(
            page,
            reply_form=ReplyForm() if page.can.reply else None,
            watch=notification_pages.watch_box(actor, shared=True, topic=topic),
            move_form=MoveForm(initial={"category": topic.category_id}) if page.can.moderate else None,
        )

    return render_shared(
        request,
        "practices/topic_detail.html",
        context,
        kind="topic",
        parts=lambda: pages.topic_share_key(actor, pk),
        generations=pages.TOPIC_GENERATIONS,
        fill=lambda html: pages.fill_topic(actor, html),
    )


def _wants_preview(request):
    return PREVIEW in request.POST


@members_only
def topic_create(request):
    actor = request.actor
    resource = resource_to_discuss(actor, request.GET.get("ressource"))
    # A working group's resource is discussed inside that group, so its title stays where it may be read.
    group_slug = resource.working_group.slug if resource and resource.working_group else request.GET.get("groupe", "")
    group = get_group_for_new_topic(actor, group_slug) if group_slug else None
    may_be_confidential = permissions.may_post_confidentially(actor)
    if request.method == "POST":
        form = TopicForm(request.POST, may_be_confidential=may_be_confidential)
    else:
        initial = pages.new_topic_initial(request.GET, resource)
        form = TopicForm(initial=initial, may_be_confidential=may_be_confidential)
    preview, similar = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _wants_preview(request):
            preview = render_post(data["body"])
            similar = pages.similar_topics(actor, data["title"])
        else:
            try:
                topic = services.topic_create(
                    author=request.user,
                    structure=actor.structure,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    is_confidential=data.get("is_confidential", False),
                    working_group=group,
                    resource=resource,
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Votre question est publiée. Vous verrez ici les réponses des collègues.")
                return redirect(topic)
    return render(
        request,
        "practices/topic_form.html",
        {"form": form, "group": group, "resource": resource, "preview": preview, "similar": similar},
    )


@members_only
def topic_suggestions(request):
    """The fragment of similar topics shown while a title is typed (htmx)."""
    title = request.GET.get("title", "")[:200]
    return render(
        request,
        "practices/_topic_suggestions.html",
        {"similar": pages.similar_topics(request.actor, title), "asked": bool(title.strip())},
    )


@members_only
def topic_reply(request, pk):
    actor = request.actor
    topic = permissions.get_topic_for_reply(actor, pk)
    preview = None
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            reply_to = pages.post_in_topic(topic, form.cleaned_data["reply_to"])
            if _wants_preview(request):
                preview = render_post(form.cleaned_data["body"])
            else:
                try:
                    post = services.post_create(
                        topic=topic,
                        author=request.user,
                        structure=actor.structure,
                        body=form.cleaned_data["body"],
                        reply_to=reply_to,
                    )
                except ServiceError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Votre réponse est publiée.")
                    return redirect(pages.post_page_url(topic, post.number))
    else:
        form = ReplyForm(initial=pages.reply_initial(actor, topic, request.GET.get("citer")))
    return render(request, "practices/post_form.html", {"form": form, "topic": topic, "post": None, "preview": preview})


@members_only
def post(request, pk):
    post = permissions.get_post_for_reading(request.actor, pk)
    return redirect(pages.post_page_url(post.topic, post.number))


@members_only
def post_edit(request, pk):
    post = permissions.get_post_for_edit(request.actor, pk)
    topic = post.topic
    first_post = post.number == 1
    preview = None
    if request.method == "POST":
        form = PostEditForm(request.POST, first_post=first_post)
        if form.is_valid():
            data = form.cleaned_data
            if _wants_preview(request):
                preview = render_post(data["body"])
            else:
                try:
                    services.post_edit(
                        post=post,
                        body=data["body"],
                        edited_by=request.user,
                        title=data.get("title"),
                        tags=data.get("tags"),
                    )
                except ServiceError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Votre message est modifié.")
                    return redirect(pages.post_page_url(topic, post.number))
    else:
        form = PostEditForm(
            initial={"body": post.body, "title": topic.title, "tags": ", ".join(topic.tag_list)},
            first_post=first_post,
        )
    return render(request, "practices/post_form.html", {"form": form, "topic": topic, "post": post, "preview": preview})


@members_only
def post_revisions(request, pk):
    post = permissions.get_post_for_revisions(request.actor, pk)
    return render(
        request,
        "practices/post_revisions.html",
        {
            "post": post,
            "topic": post.topic,
            "byline": permissions.author_label(request.actor, post),
            "revisions": pages.revisions_of(post),
            "post_url": pages.post_page_url(post.topic, post.number),
        },
    )


@require_POST
@members_only
def post_reaction(request, pk):
    post = permissions.get_post_for_reaction(request.actor, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ce choix n'a pas été compris : recommencez depuis le message.")
        return redirect(pages.post_page_url(post.topic, post.number))
    useful, count = services.reaction_toggle(post=post, user=request.user, useful=form.cleaned_data["useful"])
    if request.htmx:
        return HttpResponse(reaction_html(post, count, useful, True, get_token(request)))
    return redirect(pages.post_page_url(post.topic, post.number))


@require_POST
@members_only
def solution_mark(request, pk):
    post = permissions.get_post_for_solution(request.actor, pk)
    try:
        services.solution_mark(topic=post.topic, post=post, marked_by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Cette réponse est marquée comme la solution : la question est résolue.")
    return redirect(pages.post_page_url(post.topic, post.number))


@require_POST
@members_only
def solution_unmark(request, pk):
    topic = permissions.get_topic_for_solution(request.actor, pk)
    services.solution_unmark(topic=topic, unmarked_by=request.user)
    messages.success(request, "La question n'a plus de solution marquée.")
    return redirect(topic)
