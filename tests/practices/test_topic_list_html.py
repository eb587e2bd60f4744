"""Topic lists written in Python (practices.templatetags.forum_html): the same badges and bylines as the template
did, every value escaped, and the byline the permissions chose for this reader."""

from members.actor import build_actor
from practices.pages import forum as pages
from practices.templatetags.forum_html import topic_list

from . import factories


def rows_for(user, *topics):
    actor = build_actor(user)
    queryset = pages.Topic.objects.filter(pk__in=[topic.pk for topic in topics]).for_list()
    return pages.topic_rows(actor, pages.with_read_number(queryset, actor).order_by("pk"))


def test_a_title_and_a_name_are_escaped(forum):
    topic = factories.topic(forum.network.adviser, title='<script>alert("x")</script> & « délais »')
    html = topic_list(rows_for(forum.network.referent, topic), "Aucun sujet.", True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « délais »" in html
    assert f"<strong>{forum.network.adviser.get_full_name()}</strong>" in html


def test_a_peer_reads_the_masked_label_and_the_author_reads_the_note(forum):
    author = forum.network.other_adviser
    peer_html = topic_list(rows_for(forum.network.adviser, forum.confidential), "", False)
    assert author.last_name not in peer_html
    assert '<span class="byline__masked">un·e conseiller·e d&#x27;une Mission locale</span>' in peer_html
    author_html = topic_list(rows_for(author, forum.confidential), "", False)
    assert author.get_full_name() in author_html
    assert "publié au nom de votre structure" in author_html


def test_the_badges_of_a_row(forum):
    html = topic_list(rows_for(forum.network.referent, forum.question, forum.confidential), "", True)
    assert html.count('<li class="topic-row topic-row--unread">') == 2  # never opened by this reader
    assert html.count('<span class="badge badge--new">Nouveau</span>') == 2
    assert '<span class="badge badge--unanswered">Sans réponse</span>' in html  # the confidential one
    assert f'<a class="meta" href="{forum.question.category.get_absolute_url()}">' in html
    assert f"<dd>{forum.question.reply_count}</dd>" in html


def test_an_empty_list_says_so(forum):
    html = topic_list([], "Pas encore de discussion « ici ».", True)
    assert '<li class="card"><p>Pas encore de discussion « ici ».</p></li>' in html
    assert "topic-row" not in html
