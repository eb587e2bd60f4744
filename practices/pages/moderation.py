"""The moderation queue: posts with open reports, oldest report first, and the latest actions."""

from dataclasses import dataclass

from django.db.models import Count, Min

from spro_portal.pagination import Pagination, paginate

from ..models import ModerationAction, Post, Report
from ..permissions import forum as forum_permissions
from .forum import post_page_url

POSTS_PER_PAGE = 20
LATEST_ACTIONS = 10


@dataclass(frozen=True)
class ReportedPost:
    post: Post
    byline: forum_permissions.Byline
    url: str
    reports: list


@dataclass(frozen=True)
class ModerationPage:
    pages: Pagination
    rows: list
    actions: list


def moderation_page(actor, request):
    """Three queries for any number of reported posts: the page of posts, its count, their open reports; and the
    latest actions."""
    posts = (
        Post.objects.filter(reports__status=Report.Status.OPEN)
        .annotate(open_reports=Count("reports"), first_report=Min("reports__created_at"))
        .select_related("topic", "author", "author_structure")
        .order_by("first_report", "pk")
    )
    pages = paginate(request, posts, POSTS_PER_PAGE)
    shown = list(pages.page.object_list)
    reports = {}
    for report in Report.objects.filter(post__in=shown, status=Report.Status.OPEN).select_related("reporter"):
        reports.setdefault(report.post_id, []).append(report)
    rows = [
        ReportedPost(
            post=post,
            byline=forum_permissions.author_label(actor, post),
            url=post_page_url(post.topic, post.number),
            reports=reports.get(post.pk, []),
        )
        for post in shown
    ]
    actions = list(ModerationAction.objects.select_related("topic", "moderator")[:LATEST_ACTIONS])
    return ModerationPage(pages=pages, rows=rows, actions=actions)
