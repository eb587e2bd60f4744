"""What only PostgreSQL's full-text search does (run in CI, and locally with DATABASE_URL): French stems without
accents, the web-style syntax, stored vectors kept by the services and refreshed in bulk, GIN indexes, highlights
made by ts_headline."""

import pytest
from django.db import connection
from django.utils import timezone

from practices.models import Post, Resource, Topic
from practices.services import forum as forum_services
from practices.services import resources as resource_services
from practices.services.search import refresh_search_vectors
from tests.utils import text

from . import factories
from . import resource_factories as rf

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="recherche plein texte : PostgreSQL (CI)"),
    pytest.mark.usefixtures("media_root"),
]


def found(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return text(response).replace("<mark>", "").replace("</mark>", "")


def test_the_french_configuration_ignores_accents_and_stems(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Les élèves décrochés à Fougères')::text")
        vector = cursor.fetchone()[0]
    assert "'elev'" in vector and "'decroch'" in vector and "'fouger'" in vector


def test_the_vectors_have_gin_indexes(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'practices_%_search'")
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"practices_topic_search", "practices_post_search", "practices_resource_search"}
    assert all("USING gin (search_vector)" in definition for definition in indexes.values())


def test_words_are_found_without_accents_and_in_other_forms(client_for, forum):
    factories.topic(forum.network.adviser, title="Les élèves décrochés en novembre", body="Comment les repérer ?")
    client = client_for("referent")
    for query in ["eleve", "élève", "ÉLÈVES", "décroché", "decrocher"]:
        assert "Les élèves décrochés en novembre" in found(client, query), query


def test_web_style_syntax_phrase_exclusion_and_or(client_for, forum):
    adviser = forum.network.adviser
    factories.topic(adviser, title="Le premier accueil au CIO", body="Une grille.")
    factories.topic(adviser, title="Accueil du soir, premier bilan", body="Un retour.")
    factories.topic(adviser, title="Bilan de compétences en lycée", body="Une question.")
    client = client_for("referent")
    phrase = found(client, '"premier accueil"')
    assert "Le premier accueil au CIO" in phrase and "Accueil du soir" not in phrase
    excluded = found(client, "accueil -cio")
    assert "Accueil du soir" in excluded and "Le premier accueil au CIO" not in excluded
    either = found(client, "grille ou lycée")
    assert "Le premier accueil au CIO" in either and "Bilan de compétences en lycée" in either
    assert "Accueil du soir" not in either


def test_services_keep_the_vectors_up_to_date(client_for, forum):
    network = forum.network
    topic = factories.topic(network.adviser, title="Une question de logement", body="Premier texte.")
    reply = factories.reply(topic, network.referent, body="Réponse sur la colocation.")
    client = client_for("other_adviser")
    assert "1 résultat" in found(client, "colocation")
    forum_services.post_edit(post=reply, body="Réponse sur le foyer de jeunes.", edited_by=network.referent)
    assert "0 résultat" in found(client, "colocation")
    assert "1 résultat" in found(client, "foyer")
    first = topic.posts.get(number=1)
    forum_services.post_edit(post=first, body="Texte revu.", edited_by=network.adviser, title="Hébergement d'urgence")
    assert "Hébergement d'urgence" in found(client, "hebergement", sorte="sujets")
    resource = rf.resource(network.adviser, title="Annuaire des foyers", summary="Les adresses.")
    resource_services.resource_edit(
        resource=resource, title="Carte des foyers", summary="Les adresses et les horaires.", kind=resource.kind,
        licence=resource.licence, tags="hébergement",
    )  # fmt: skip
    assert "Carte des foyers" in found(client, "horaires", sorte="ressources")
    assert "Carte des foyers" in found(client, "hebergement", sorte="ressources")


def test_refresh_search_vectors_finds_rows_written_in_bulk(client_for, forum):
    """The bench loader writes rows with bulk_create, then calls refresh_search_vectors once."""
    network = forum.network
    now = timezone.now()
    topic = Topic.objects.create(
        category=factories.category(), title="Chargé en masse : mobilité", author=network.adviser,
        post_count=2, last_activity_at=now, created_at=now,
    )  # fmt: skip
    Post.objects.bulk_create(
        [
            Post(topic=topic, number=1, author=network.adviser, body="Question sur la mobilité.", created_at=now),
            Post(topic=topic, number=2, author=network.referent, body="Le permis accompagné.", created_at=now),
        ]
    )
    client = client_for("other_adviser")
    assert "0 résultat" in found(client, "mobilité permis")
    counts = refresh_search_vectors()
    assert counts["posts"] == Post.objects.count() and counts["topics"] == Topic.objects.count()
    assert counts["resources"] == Resource.objects.count()
    assert "Chargé en masse : mobilité" in found(client, "mobilité", sorte="sujets")
    assert "1 résultat" in found(client, "permis", sorte="messages")


def test_highlights_come_from_ts_headline_and_follow_the_stems(client_for, forum):
    factories.topic(forum.network.adviser, title="Des élèves motivés", body="Nos élèves décrochent en hiver.")
    html = text(client_for("referent").get("/recherche/", {"q": "eleve"}))
    assert "Des <mark>élèves</mark> motivés" in html
    assert "<mark>élèves</mark> décrochent en hiver" in html


def test_a_query_of_stop_words_only_finds_nothing_and_says_so(client_for, forum):
    html = found(client_for("referent"), "de ou et")
    assert "0 résultat" in html


def test_a_closed_accounts_handle_no_longer_finds_the_posts_that_mentioned_it(client_for, forum):
    from members.services.accounts import account_close

    network = forum.network
    factories.reply(forum.question, network.referent, body="Demandez à @conseillere, elle connaît la PSAD.")
    client = client_for("referent")
    assert "elle connaît la PSAD" in found(client, "conseillere")
    account_close(person=network.other_adviser, by=network.other_adviser)
    assert "elle connaît la PSAD" not in found(client, "conseillere")
