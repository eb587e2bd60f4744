"""Every forum page costs the same number of queries for 1 row as for 50."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Reaction
from practices.services import forum as services
from tests.utils import text

from . import factories


def many_topics(forum, count=49, **kwargs):
    network = forum.network
    authors = [network.referent, network.other_adviser, network.regional_coordinator]
    for number in range(count):
        topic = factories.topic(
            authors[number % 3],
            title=f"Sujet numéro {number}",
            confidential=number % 7 == 0 and authors[number % 3] != network.regional_coordinator,
            **kwargs,
        )
        factories.reply(topic, authors[(number + 1) % 3])


def test_forum_index(client_for, forum, assert_same_query_count):
    assert_same_query_count(client_for("adviser"), "/communaute/", lambda: many_topics(forum), warm=True)


def test_category_page(client_for, forum, assert_same_query_count):
    response = assert_same_query_count(
        client_for("adviser"), "/communaute/categories/accueil/", lambda: many_topics(forum), warm=True
    )
    assert "Sujet numéro 48" in response.content.decode()


def test_category_page_filtered(client_for, forum, assert_same_query_count):
    assert_same_query_count(
        client_for("regional_coordinator"),
        "/communaute/categories/accueil/?etat=sans-reponse",
        lambda: [factories.topic(forum.network.referent, title=f"Seul {n}") for n in range(49)],
        warm=True,
    )


def test_topic_page(client_for, forum, assert_same_query_count):
    def add_posts():
        network = forum.network
        for number in range(49):
            author = [network.referent, network.other_adviser, network.territorial_coordinator][number % 3]
            post = factories.reply(forum.question, author, body=f"Réponse {number}")
            if number % 2:
                services.reaction_toggle(post=post, user=network.adviser, useful=True)
        # The reader had read them all already: neither count includes a marker write.
        services.read_state_advance(user=network.adviser, topic=forum.question, number=51)

    services.solution_mark(topic=forum.question, post=forum.answer, marked_by=forum.network.adviser)
    client = client_for("adviser")
    url = f"/communaute/sujets/{forum.question.pk}/"
    assert_same_query_count(client, url, add_posts, warm=True)
    assert Reaction.objects.count() == 24


def test_group_page(client_for, forum, assert_same_query_count):
    def add_rows():
        many_topics(forum, group=forum.closed_group)
        for member in [forum.network.adviser, forum.network.referent]:
            forum.closed_group.memberships.create(user=member)

    assert_same_query_count(
        client_for("other_adviser"), f"/communaute/groupes/{forum.closed_group.slug}/", add_rows, warm=True
    )


def test_group_list(client_for, forum, assert_same_query_count):
    assert_same_query_count(
        client_for("adviser"),
        "/communaute/groupes/",
        lambda: [factories.group(f"Groupe {n}", closed=n % 2 == 0) for n in range(49)],
        warm=True,
    )


def test_suggestions(client_for, forum, assert_same_query_count):
    assert_same_query_count(
        client_for("adviser"),
        "/communaute/suggestions/?title=sujet+numéro",
        lambda: many_topics(forum, count=10),
        warm=True,
    )


def test_my_questions(client_for, forum, assert_same_query_count):
    def add_rows():
        for number in range(49):
            topic = factories.topic(forum.network.adviser, title=f"Ma question {number}")
            factories.reply(topic, forum.network.other_adviser)

    assert_same_query_count(client_for("adviser"), "/communaute/mes-questions/", add_rows, warm=True)


def test_home_with_unread_answers(client_for, forum, assert_same_query_count):
    def add_rows():
        for number in range(49):
            factories.reply(forum.question, forum.network.other_adviser, body=f"Réponse {number}")

    assert_same_query_count(client_for("adviser"), "/", add_rows, warm=True)


def test_a_category_page_far_down_costs_what_the_first_costs_and_lists_the_oldest(client_for, forum):
    many_topics(forum, count=60)
    client = client_for("adviser")
    url = "/communaute/categories/accueil/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        first_page = text(client.get(url))
    with CaptureQueriesContext(connection) as last:
        last_page = text(client.get(f"{url}?page=3"))
    assert len(last.captured_queries) == len(first.captured_queries)
    assert "Sujet numéro 59" in first_page and "Sujet numéro 59" not in last_page
    assert "Sujet numéro 0<" in last_page and "Sujet numéro 0<" not in first_page
    # The rows are read for the page's ids only: no query joins the topics' authors without a list of ids.
    joined = [q["sql"] for q in last.captured_queries if '"members_user"' in q["sql"] and "practices_topic" in q["sql"]]
    assert joined and all(" IN (" in sql for sql in joined)


def test_a_topic_page_reads_its_number_of_posts_and_its_author_from_the_topic_row(client_for, forum):
    for number in range(25):
        factories.reply(forum.question, forum.network.other_adviser, body=f"Réponse {number}")
    client = client_for("adviser")
    url = f"/communaute/sujets/{forum.question.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = text(client.get(f"{url}?page=2"))
    assert "Réponse 24" in page and "Réponse 17" not in page  # posts 21 to 27 of 27
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"] and "practices_post" in q["sql"]]
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "members_structure"')]
