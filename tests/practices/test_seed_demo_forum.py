"""`seed_demo` fills the forum: every category talks, solved and unsolved questions, reactions, a closed group, a
confidential question, some activity last month; each demo account finds something of their own."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from members.models import User
from practices.models import Category, GroupJoinRequest, Post, Reaction, Topic, WorkingGroup
from tests.utils import seed_demo, text

DEMO = {
    "conseiller": "conseiller@demo.spro.fr",
    "referent": "referent@demo.spro.fr",
    "conseiller.autre": "conseiller.autre@demo.spro.fr",
    "coordination": "coordination@demo.spro.fr",
    "territoire": "territoire@demo.spro.fr",
}
CONFIDENTIAL_TITLE = "Nos délais de premier rendez-vous dépassent trois semaines"


def client_of(key):
    client = Client()
    client.force_login(User.objects.get(email=DEMO[key]))
    return client


def test_every_category_has_discussions(seeded):
    for category in Category.objects.all():
        assert category.topics.exists(), category
        assert category.topic_count >= 1 and category.last_activity_at, category


def test_solved_unsolved_unanswered_and_reactions(seeded):
    assert Topic.objects.solved().count() >= 5
    assert Topic.objects.filter(solution__isnull=True).count() >= 5
    assert Topic.objects.unanswered().count() >= 2
    assert Reaction.objects.count() >= 20
    for post in Post.objects.filter(reaction_count__gt=0):
        assert post.reactions.count() == post.reaction_count


def test_some_activity_is_dated_last_month(seeded):
    month_ago = timezone.now() - timedelta(days=30)
    assert Topic.objects.filter(last_activity_at__lt=month_ago).exists()
    assert Topic.objects.filter(last_activity_at__gt=timezone.now() - timedelta(days=7)).exists()
    for topic in Topic.objects.all():
        assert topic.created_at <= topic.last_activity_at
        assert topic.posts.order_by("-number").first().created_at == topic.last_activity_at


def test_a_closed_group_with_a_pending_request_and_a_confidential_question(seeded):
    closed = WorkingGroup.objects.get(is_closed=True)
    assert closed.topics.exists() and closed.member_count >= 3
    assert GroupJoinRequest.objects.filter(group=closed, status="pending").exists()
    assert Topic.objects.get(title=CONFIDENTIAL_TITLE).is_confidential


def test_peers_never_see_the_confidential_author_but_coordinators_do(seeded):
    topic = Topic.objects.get(title=CONFIDENTIAL_TITLE)
    name = topic.author.get_full_name()
    for key in ["conseiller", "referent"]:
        html = text(client_of(key).get(topic.get_absolute_url()))
        assert "un·e conseiller·e d'une Mission locale" in html and name not in html
    for key in ["coordination", "territoire"]:
        assert name in text(client_of(key).get(topic.get_absolute_url()))


def test_each_demo_account_finds_something(seeded):
    closed = WorkingGroup.objects.get(is_closed=True)
    conseiller = text(client_of("conseiller").get("/"))
    assert "réponses à vos questions non lues" in conseiller
    assert "Accueillir un jeune sorti sans diplôme" in text(client_of("conseiller").get("/communaute/mes-questions/"))
    referent = text(client_of("referent").get(closed.get_absolute_url()))
    assert "Demandes pour rejoindre le groupe" in referent
    autre = text(client_of("conseiller.autre").get("/communaute/mes-questions/"))
    assert CONFIDENTIAL_TITLE in autre and "publié au nom de votre structure" in autre
    assert "Préparer la rencontre territoriale" not in text(client_of("conseiller.autre").get("/communaute/"))
    for key in ["coordination", "territoire"]:
        assert "Préparer la rencontre territoriale" in text(client_of(key).get(closed.get_absolute_url()))


def test_every_forum_page_opens_for_every_demo_account(seeded):
    urls = ["/communaute/", "/communaute/groupes/", "/communaute/mes-questions/", "/communaute/nouveau/"]
    urls += [category.get_absolute_url() for category in Category.objects.all()]
    urls += [group.get_absolute_url() for group in WorkingGroup.objects.all()]
    urls += [topic.get_absolute_url() for topic in Topic.objects.all()]
    for key in DEMO:
        client = client_of(key)
        for url in urls:
            assert client.get(url).status_code in (200, 404), (key, url)


def test_seeding_the_forum_twice_changes_nothing(seeded):
    before = [model.objects.count() for model in (Topic, Post, Reaction, WorkingGroup, GroupJoinRequest)]
    seed_demo()
    assert [model.objects.count() for model in (Topic, Post, Reaction, WorkingGroup, GroupJoinRequest)] == before
