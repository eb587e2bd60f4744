"""Topic lists written in Python (practices.templatetags.forum_html): the same badges and bylines as the template
did, every value escaped, and the byline the permissions chose for this reader."""

from members.actor import build_actor
from practices.pages import forum as pages
from practices.templatetags.forum_html import topic_list

from . import factories


def rows_for(user, *topics, show_category=True):
    actor = build_actor(user)
    return pages.topic_rows(actor, sorted(topic.pk for topic in topics), show_category=show_category)


def test_a_title_and_a_name_are_escaped(forum):
    topic = factories.topic(forum.network.adviser, title='<script>alert("x")</script> & « délais »')
    html = topic_list(rows_for(forum.network.referent, topic), "Aucun sujet.")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « délais »" in html
    assert f"<strong>{forum.network.adviser.get_full_name()}</strong>" in html


def test_a_peer_reads_the_masked_label_and_the_author_reads_the_note(forum):
    author = forum.network.other_adviser
    peer_html = topic_list(rows_for(forum.network.adviser, forum.confidential, show_category=False), "")
    assert author.last_name not in peer_html
    assert '<span class="byline__masked">un·e conseiller·e d&#x27;une Mission locale</span>' in peer_html
    author_html = topic_list(rows_for(author, forum.confidential, show_category=False), "")
    assert author.get_full_name() in author_html
    assert "publié au nom de votre structure" in author_html


def test_the_badges_of_a_row(forum):
    html = topic_list(rows_for(forum.network.referent, forum.question, forum.confidential), "")
    assert html.count('<li class="topic-row topic-row--unread">') == 2  # never opened by this reader
    assert html.count('<span class="badge badge--new">Nouveau</span>') == 2
    assert '<span class="badge badge--unanswered">Sans réponse</span>' in html  # the confidential one
    assert f'<a class="meta" href="{forum.question.category.get_absolute_url()}">' in html
    assert f"<dd>{forum.question.reply_count}</dd>" in html


def test_an_empty_list_says_so(forum):
    html = topic_list([], "Pas encore de discussion « ici ».")
    assert '<li class="card"><p>Pas encore de discussion « ici ».</p></li>' in html
    assert "topic-row" not in html


def test_a_topic_page_escapes_what_people_wrote_and_keeps_its_forms_protected(client_for, forum):
    reply = factories.reply(forum.question, forum.network.referent, body="Voir <script>alert(1)</script> **ici**")
    reply.is_hidden, reply.hidden_reason = True, '<img src=x onerror="alert(2)">'
    reply.save(update_fields=["is_hidden", "hidden_reason"])
    html = client_for("regional_coordinator").get(f"/communaute/sujets/{forum.question.pk}/").content.decode()
    assert "<script>alert(1)" not in html and '<img src=x onerror="alert(2)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html  # the reason, read by the moderation
    assert '<div class="prose post__body post__body--hidden">' in html
    for form in html.split('<form method="post"')[1:]:
        assert 'name="csrfmiddlewaretoken"' in form.split("</form>")[0]


def test_a_peer_does_not_read_why_a_post_was_hidden(client_for, forum):
    reply = factories.reply(forum.question, forum.network.referent, body="Un texte masqué.")
    reply.is_hidden, reply.hidden_reason = True, "Propos déplacés"
    reply.save(update_fields=["is_hidden", "hidden_reason"])
    html = client_for("adviser").get(f"/communaute/sujets/{forum.question.pk}/").content.decode()
    assert "Ce message a été masqué par la modération." in html
    assert "Propos déplacés" not in html and "Un texte masqué." not in html
