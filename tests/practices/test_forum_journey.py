"""Journey 3 through the test client: ask (with a preview and similar topics), answer, quote, edit, mark the
solution, find it « utile »; unread markers and the reader's place in a topic."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Post, PostRevision, Reaction, Topic, TopicReadState
from tests.utils import text

from . import factories

NEW_TOPIC = {
    "category": "accompagnement",
    "title": "Accompagner une VAE d'aide-soignante",
    "body": "Une salariée veut valider son expérience. **Quelles étapes** ?",
    "tags": "VAE, Santé, vae",
}


def test_preview_shows_the_rendering_and_similar_topics_and_publishes_nothing(client_for, forum):
    factories.topic(
        forum.network.referent, title="VAE : le nouveau parcours depuis 2024", category_slug="accompagnement"
    )
    response = client_for("adviser").post("/communaute/nouveau/", {**NEW_TOPIC, "preview": "1"})
    html = text(response)
    assert response.status_code == 200
    assert "Aperçu" in html and "<strong>Quelles étapes</strong>" in html
    assert "VAE : le nouveau parcours depuis 2024" in html  # similar topic suggested
    assert 'value="Accompagner une VAE d\'aide-soignante"' in html  # nothing lost
    assert not Topic.objects.filter(title=NEW_TOPIC["title"]).exists()


def test_suggestions_put_solved_topics_first(client_for, forum):
    unsolved = factories.topic(forum.network.referent, title="Jeune sans diplôme : quel premier rendez-vous ?")
    forum.question.solution = forum.answer
    forum.question.save()
    html = text(client_for("adviser").get("/communaute/suggestions/", {"title": "jeune sans diplôme"}))
    assert html.index(forum.question.title) < html.index(unsolved.title)
    assert "Résolu" in html


def test_asking_publishes_the_topic_with_normalised_tags(client_for, forum):
    response = client_for("adviser").post("/communaute/nouveau/", NEW_TOPIC)
    topic = Topic.objects.get(title=NEW_TOPIC["title"])
    assert response.status_code == 302 and response["Location"] == f"/communaute/sujets/{topic.pk}/"
    assert topic.tags == "vae,santé"
    assert topic.post_count == 1 and topic.author == forum.network.adviser
    post = topic.posts.get()
    assert post.body_html == "<p>Une salariée veut valider son expérience. <strong>Quelles étapes</strong> ?</p>"
    assert topic.category.topic_count == 2


def test_a_reply_with_preview_then_published(client_for, forum):
    client = client_for("referent")
    url = f"/communaute/sujets/{forum.question.pk}/repondre/"
    preview = text(client.post(url, {"body": "Voir *la PSAD*.", "preview": "1"}))
    assert "<em>la PSAD</em>" in preview and forum.question.posts.count() == 2
    response = client.post(url, {"body": "Voir *la PSAD*."})
    assert response.status_code == 302
    assert response["Location"] == f"/communaute/sujets/{forum.question.pk}/#message-3"
    topic = Topic.objects.get(pk=forum.question.pk)
    assert topic.post_count == 3 and topic.last_post.number == 3


def test_quoting_fills_the_reply_with_the_quoted_post(client_for, forum):
    html = text(client_for("referent").get(f"/communaute/sujets/{forum.question.pk}/repondre/?citer={forum.answer.pk}"))
    assert f"> **{forum.network.other_adviser.get_full_name()}** a écrit :" in html
    assert "> Nous l'orientons vers la PSAD du secteur." in html
    assert f'name="reply_to" value="{forum.answer.pk}"' in html


@pytest.mark.parametrize("citer", ["abc", "-1", "999999999999999999999999", "999999"])
def test_a_bad_quote_leaves_an_empty_reply(client_for, forum, citer):
    response = client_for("referent").get(f"/communaute/sujets/{forum.question.pk}/repondre/?citer={citer}")
    assert response.status_code == 200


def test_editing_marks_the_post_modified_and_keeps_the_earlier_text_for_moderators(client_for, forum):
    client = client_for("other_adviser")
    response = client.post(f"/communaute/messages/{forum.answer.pk}/modifier/", {"body": "La PSAD, ou le CIO."})
    assert response.status_code == 302
    post = Post.objects.get(pk=forum.answer.pk)
    assert post.body == "La PSAD, ou le CIO." and post.edited_at
    assert PostRevision.objects.get(post=post).body == "Nous l'orientons vers la PSAD du secteur."
    page = text(client_for("adviser").get(f"/communaute/sujets/{forum.question.pk}/"))
    assert "modifié le" in page and "versions antérieures" not in page
    moderator_page = text(client_for("regional_coordinator").get(f"/communaute/sujets/{forum.question.pk}/"))
    assert "versions antérieures" in moderator_page
    revisions = text(client_for("regional_coordinator").get(f"/communaute/messages/{post.pk}/versions/"))
    assert "Nous l'orientons vers la PSAD du secteur." in revisions


def test_editing_the_question_changes_title_and_tags(client_for, forum):
    client_for("adviser").post(
        f"/communaute/messages/{forum.first_post.pk}/modifier/",
        {"title": "Jeune sans diplôme : premier accueil", "body": "Texte revu.", "tags": "Accueil"},
    )
    topic = Topic.objects.get(pk=forum.question.pk)
    assert (topic.title, topic.tags) == ("Jeune sans diplôme : premier accueil", "accueil")


def test_the_author_marks_the_solution_and_the_topic_is_labelled_solved(client_for, forum):
    client = client_for("adviser")
    client.post(f"/communaute/messages/{forum.answer.pk}/solution/")
    assert Topic.objects.get(pk=forum.question.pk).solution_id == forum.answer.pk
    page = text(client.get(f"/communaute/sujets/{forum.question.pk}/"))
    assert "Résolu" in page and "Retirer la solution" in page
    listing = text(client.get("/communaute/categories/accueil/?etat=resolus"))
    assert forum.question.title in listing
    assert forum.question.title not in text(client.get("/communaute/categories/accueil/?etat=sans-reponse"))
    client.post(f"/communaute/sujets/{forum.question.pk}/solution/retirer/")
    assert Topic.objects.get(pk=forum.question.pk).solution is None


def test_the_question_itself_cannot_be_the_solution(client_for, forum):
    response = client_for("adviser").post(f"/communaute/messages/{forum.first_post.pk}/solution/", follow=True)
    assert "choisissez une réponse" in text(response)
    assert Topic.objects.get(pk=forum.question.pk).solution is None


def test_unanswered_filter_lists_topics_without_reply(client_for, forum):
    lonely = factories.topic(forum.network.referent, title="Premier accueil des familles allophones")
    html = text(client_for("adviser").get("/communaute/categories/accueil/?etat=sans-reponse"))
    assert lonely.title in html and forum.question.title not in html


def test_useful_with_a_plain_form_then_taken_back(client_for, forum):
    client = client_for("adviser")
    url = f"/communaute/messages/{forum.answer.pk}/utile/"
    assert client.post(url, {"useful": "1"})["Location"].endswith("#message-2")
    client.post(url, {"useful": "1"})  # sent twice: still one
    assert Post.objects.get(pk=forum.answer.pk).reaction_count == 1
    assert Reaction.objects.filter(post=forum.answer).count() == 1
    assert 'aria-pressed="true">Utile · 1' in text(client.get(f"/communaute/sujets/{forum.question.pk}/"))
    client.post(url, {"useful": "0"})
    assert Post.objects.get(pk=forum.answer.pk).reaction_count == 0


def test_useful_with_htmx_returns_the_fragment(client_for, forum):
    response = client_for("referent").post(
        f"/communaute/messages/{forum.answer.pk}/utile/", {"useful": "1"}, headers={"HX-Request": "true"}
    )
    html = text(response)
    assert response.status_code == 200
    assert html.strip().startswith(f'<div class="reaction" id="utile-{forum.answer.pk}">')
    assert "Utile · 1" in html and 'name="useful" value="0"' in html


def test_a_new_topic_is_marked_new_then_read(client_for, forum):
    client = client_for("referent")
    assert "Nouveau" in text(client.get("/communaute/categories/accueil/"))
    client.get(f"/communaute/sujets/{forum.question.pk}/")
    assert TopicReadState.objects.get(user=forum.network.referent, topic=forum.question).last_read_number == 2
    listing = text(client.get("/communaute/categories/accueil/"))
    assert "Nouveau" not in listing and "non lu" not in listing


def test_a_new_reply_is_unread_and_the_link_leads_to_it(client_for, forum):
    client = client_for("adviser")
    client.get(f"/communaute/sujets/{forum.question.pk}/")
    factories.reply(forum.question, forum.network.referent, body="Autre piste.")
    listing = text(client.get("/communaute/categories/accueil/"))
    assert "1 non lu" in listing
    assert f'href="/communaute/sujets/{forum.question.pk}/#message-3"' in listing
    page = text(client.get(f"/communaute/sujets/{forum.question.pk}/"))
    assert "Aller au premier message non lu" in page


def test_reading_a_topic_writes_only_when_the_marker_moves(client_for, forum):
    client = client_for("referent")
    url = f"/communaute/sujets/{forum.question.pk}/"
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    writes = [
        q["sql"]
        for q in first.captured_queries
        if "practices_topicreadstate" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert not [
        q
        for q in again.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE")) and "django_session" not in q["sql"]
    ]


def test_reading_an_earlier_page_never_moves_the_marker_back(client_for, forum):
    for number in range(25):
        factories.reply(forum.question, forum.network.referent, body=f"Réponse {number}.")
    client = client_for("adviser")
    client.get(f"/communaute/sujets/{forum.question.pk}/?page=2")
    client.get(f"/communaute/sujets/{forum.question.pk}/?page=1")
    assert TopicReadState.objects.get(user=forum.network.adviser, topic=forum.question).last_read_number == 27


def test_a_locked_topic_takes_no_reply_from_members(client_for, forum):
    Topic.objects.filter(pk=forum.question.pk).update(is_locked=True)
    assert (
        client_for("referent").post(f"/communaute/sujets/{forum.question.pk}/repondre/", {"body": "x"}).status_code
        == 403
    )
    assert "fermé" in text(client_for("referent").get(f"/communaute/sujets/{forum.question.pk}/"))
    assert (
        client_for("regional_coordinator")
        .post(f"/communaute/sujets/{forum.question.pk}/repondre/", {"body": "Je ferme."})
        .status_code
        == 302
    )
