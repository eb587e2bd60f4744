"""The load run's forum data module (tests/bench/forum_data.py) on a small slice of the shared data set: the rows it
writes in bulk are what the services would have written, its people log in and read the forum, and a second run
reuses the data."""

import pytest
from django.db import connection
from django.db.models import Count, F, Max, Sum

from members.models import User
from practices.mentions import render_post
from practices.models import Category, Post, Reaction, Subscription, Topic
from tests.bench import forum_data, markers

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="le banc de charge tourne sur PostgreSQL"),
    pytest.mark.skipif(not forum_data.DATASET_PATH.exists(), reason="jeu de données partagé absent"),
]


@pytest.fixture
def loaded(network, monkeypatch):
    monkeypatch.setattr(forum_data, "SCALE", 0.005)  # 15 people, 100 topics, 1,000 posts
    lines = []
    forum_data.ensure_loaded(lines.append)
    return lines


def test_the_slice_is_loaded_with_its_fingerprint(loaded):
    data = forum_data.dataset()
    assert Topic.objects.filter(category__slug__startswith="banc-").count() == data.counts["topics"]
    assert Post.objects.filter(topic__category__slug__startswith="banc-").count() == data.counts["comments"]
    assert markers.get("forum") == f"{forum_data.VERSION} {data.fingerprint()}"
    assert any(data.fingerprint() in line for line in loaded)


def test_derived_columns_are_what_the_services_keep(loaded):
    topics = Topic.objects.filter(category__slug__startswith="banc-").annotate(
        counted=Count("posts"), last_number=Max("posts__number"), last_date=Max("posts__created_at")
    )
    for topic in topics.select_related("last_post"):
        assert topic.post_count == topic.counted == topic.last_number
        assert topic.last_post.number == topic.post_count
        assert topic.last_activity_at == topic.last_date == topic.last_post.created_at
    for category in Category.objects.filter(slug__startswith="banc-"):
        figures = category.topics.aggregate(topics=Count("pk"), posts=Sum("post_count"), last=Max("last_activity_at"))
        assert (category.topic_count, category.post_count) == (figures["topics"], figures["posts"] or 0)
        assert category.last_activity_at == figures["last"]
    posts = Post.objects.filter(topic__category__slug__startswith="banc-").annotate(counted=Count("reactions"))
    for post in posts[:200]:
        assert post.reaction_count == post.counted
        assert post.body_html == render_post(post.body)
    assert not Reaction.objects.filter(user=F("post__author")).exists()  # nobody finds their own post « utile »
    assert Subscription.objects.filter(topic__category__slug__startswith="banc-").count() == topics.count()


def test_the_data_set_people_log_in_with_its_password_and_read_the_forum(loaded, client):
    assert client.login(email=forum_data.reader_email(), password=forum_data.BENCH_PASSWORD)
    assert User.objects.get(email=forum_data.reader_email()).emailaddress_set.get().verified
    for page in forum_data.load_pages():
        assert client.get(page.paths[-1]).status_code == 200, page.name


def test_a_second_run_reuses_what_is_there(loaded):
    topics = Topic.objects.count()
    lines = []
    forum_data.ensure_loaded(lines.append)
    assert Topic.objects.count() == topics
    assert any("réutilisé" in line for line in lines)
