"""A topic page shared whole (spro_portal.shared_pages) by the readers who read it alike
(practices.pages.forum.topic_share_key): each still gets their own « Utile », first unread post, marker and
actions on what they wrote; a reader who may not read the topic never gets it from the cache."""

import pytest

from practices.models import TopicReadState
from practices.pages import forum as forum_pages
from practices.services import forum as services
from practices.services import groups as group_services
from tests.utils import counting, text

from . import factories

pytestmark = pytest.mark.usefixtures("fragments_on")


def topic_url(topic):
    return f"/communaute/sujets/{topic.pk}/"


def article_of(page, post):
    return page.split(f'id="{post.anchor}"')[1].split("</article>")[0]


def pressed(article):
    return 'aria-pressed="true"' in article


def test_readers_who_did_not_write_in_it_share_it_with_their_own_useful_marks(
    client_for, forum, monkeypatch, django_capture_on_commit_callbacks
):
    builds = counting(monkeypatch, forum_pages, "topic_page")
    coordinator, colleague = client_for("regional_coordinator"), factories.colleague_of(forum.network.referent)[1]
    second_user, second = factories.colleague_of(forum.network.other_adviser)  # another structure, the same role
    url = topic_url(forum.question)
    with django_capture_on_commit_callbacks(execute=True):
        services.reaction_toggle(post=forum.answer, user=second_user, useful=True)
    first_page, second_page = text(colleague.get(url)), text(second.get(url))
    assert builds[0] == 1  # one page for both advisers
    assert not pressed(article_of(first_page, forum.answer))
    assert pressed(article_of(second_page, forum.answer))
    coordinator.get(url)
    assert builds[0] == 2  # a moderator: another role
    for page in (first_page, second_page):
        assert "<!--slot:" not in page and "<!--part:" not in page


def test_whoever_wrote_in_it_gets_their_own_actions_and_their_colleague_does_not(client_for, forum):
    """The answer's author reads « Modifier » on it; the question's author may mark it as the solution; their
    colleagues of the same role get neither, whoever came first."""
    url = topic_url(forum.question)
    _, answer_colleague = factories.colleague_of(forum.network.other_adviser)
    _, question_colleague = factories.colleague_of(forum.network.adviser)
    for clients in ([answer_colleague, client_for("other_adviser")], [client_for("other_adviser"), answer_colleague]):
        for client in clients:
            client.get(url)
    author_answer = article_of(text(client_for("other_adviser").get(url)), forum.answer)
    peer_answer = article_of(text(answer_colleague.get(url)), forum.answer)
    assert "Modifier" in author_answer and "Utile" not in author_answer
    assert "Modifier" not in peer_answer and "Signaler" in peer_answer
    question_colleague.get(url)
    asker_answer = article_of(text(client_for("adviser").get(url)), forum.answer)
    assert "C'est la solution" in asker_answer
    assert "C'est la solution" not in article_of(text(question_colleague.get(url)), forum.answer)


def test_a_cached_page_still_moves_the_readers_marker_and_shows_their_first_unread_post(
    client_for, forum, django_capture_on_commit_callbacks
):
    url = topic_url(forum.question)
    colleague_user, colleague = factories.colleague_of(forum.network.referent)
    client_for("referent").get(url)  # another role: not the colleague's page
    _, other = factories.colleague_of(forum.network.referent)
    other.get(url)  # builds the advisers' page
    colleague.get(url)  # from the cache
    state = TopicReadState.objects.get(user=colleague_user, topic=forum.question)
    assert state.last_read_number == 2
    with django_capture_on_commit_callbacks(execute=True):
        factories.reply(forum.question, forum.network.referent, body="Une troisième piste.")
    page = text(colleague.get(url))
    assert f'href="{topic_url(forum.question)}#message-3">Aller au premier message non lu' in page
    state.refresh_from_db()
    assert state.last_read_number == 3
    assert "Aller au premier message non lu" not in text(colleague.get(url))


def test_a_reader_outside_a_closed_group_gets_the_404_though_a_member_cached_the_page(
    client_for, forum, django_capture_on_commit_callbacks
):
    member_user, member = factories.colleague_of(forum.network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_join(group=forum.closed_group, user=member_user)
    url = topic_url(forum.group_topic)
    assert member.get(url).status_code == 200
    assert member.get(url).status_code == 200
    response = client_for("adviser").get(url)  # the same role, not in the group
    assert response.status_code == 404
    assert forum.group_topic.title not in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_leave(group=forum.closed_group, user=member_user)
    assert member.get(url).status_code == 404
