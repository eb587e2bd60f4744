"""The home page tells a person how many answers to their questions they have not read, for one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Topic
from tests.utils import text

from . import factories


def test_unread_answers_to_my_questions_are_on_my_home(client_for, forum):
    client = client_for("adviser")
    html = text(client.get("/"))
    assert "1 réponse à vos questions non lue." in html
    assert "/communaute/mes-questions/" in html
    factories.reply(forum.question, forum.network.referent)
    assert "2 réponses à vos questions non lues." in text(client.get("/"))
    client.get(forum.question.get_absolute_url())
    assert "à vos questions non lue" not in text(client.get("/"))


def test_counting_unread_answers_is_one_query(forum):
    with CaptureQueriesContext(connection) as queries:
        assert Topic.objects.unread_replies_for(forum.network.adviser) == 1
    assert len(queries) == 1


def test_my_questions_lists_only_mine(client_for, forum):
    html = text(client_for("adviser").get("/communaute/mes-questions/"))
    assert forum.question.title in html and forum.confidential.title not in html
