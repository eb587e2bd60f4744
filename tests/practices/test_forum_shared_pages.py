"""The forum's index and category pages shared whole (spro_portal.shared_pages) by the readers who get the same
topics and bylines (permissions.forum.reading_key): built once for them, with each reader's read markers and
watching level filled in; never handed to a reader of the same role who is in other groups or who wrote a
confidential question on it."""

import pytest

from practices.models import Subscription
from practices.pages import forum as forum_pages
from practices.services import groups as group_services
from practices.services import notifications as notification_services
from tests.utils import counting, text

from . import factories

pytestmark = pytest.mark.usefixtures("fragments_on")

INDEX = "/communaute/"


def category_url(slug):
    return f"/communaute/categories/{slug}/"


def test_readers_of_one_role_share_the_page_with_their_own_read_markers(client_for, forum, monkeypatch):
    builds = counting(monkeypatch, forum_pages, "category_page")
    url = category_url("accueil")
    adviser = client_for("adviser")
    _, colleague = factories.colleague_of(forum.network.adviser)
    adviser.get(f"/communaute/sujets/{forum.question.pk}/")  # the adviser has read the question
    mine, theirs = text(adviser.get(url)), text(colleague.get(url))
    assert builds[0] == 1  # one page for both
    assert "Nouveau" not in mine.split(forum.question.title)[0].rsplit("<li", 1)[1]
    assert '<span class="badge badge--new">Nouveau</span>' in theirs
    for page in (mine, theirs):
        assert "<!--slot:" not in page and "<!--part:" not in page


def test_each_reader_reads_their_own_watching_level_on_a_shared_page(client_for, forum):
    url = category_url("accueil")
    adviser = client_for("adviser")
    colleague_user, colleague = factories.colleague_of(forum.network.adviser)
    notification_services.subscription_set(
        user=forum.network.adviser, level=Subscription.Level.WATCHING, category=forum.question.category
    )
    assert '<option value="watching" selected>' in text(adviser.get(url))
    page = text(colleague.get(url))
    assert '<option value="watching" selected>' not in page
    assert '<option value="normal" selected>' in page


def test_the_author_of_a_confidential_question_gets_their_own_page_and_their_colleague_the_masked_one(
    client_for, forum, django_capture_on_commit_callbacks
):
    """The confidential question's author and a colleague have the same role and groups: only the author reads
    their name on it, whoever of them came first."""
    author = forum.network.adviser
    with django_capture_on_commit_callbacks(execute=True):
        question = factories.topic(
            author, title="Nos délais d'accueil dérapent", category_slug="veille", confidential=True
        )
    url = category_url("veille")
    _, colleague = factories.colleague_of(author)
    own = client_for("adviser")
    for first, second in [(colleague, own), (own, colleague)]:
        first.get(url)
        second.get(url)
        peer_page, author_page = text(colleague.get(url)), text(own.get(url))
        assert question.title in peer_page and question.title in author_page
        assert author.get_full_name() not in peer_page and author.last_name not in peer_page
        assert "publié au nom de" not in peer_page
        assert "publié au nom de votre structure" in author_page


def test_a_closed_groups_topic_stays_with_its_members_among_readers_of_one_role(
    client_for, forum, django_capture_on_commit_callbacks
):
    """The index lists the latest topics and one's groups: a colleague of the same role who joined the closed group
    reads its topic there; the adviser, who did not, never does, before or after."""
    colleague_user, colleague = factories.colleague_of(forum.network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_join(group=forum.closed_group, user=colleague_user)
    adviser = client_for("adviser")
    for _ in range(2):
        assert forum.group_topic.title not in text(adviser.get(INDEX))
        member_page = text(colleague.get(INDEX))
        assert forum.group_topic.title in member_page and forum.closed_group.name in member_page
