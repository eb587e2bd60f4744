"""The forum, library and indicators sections of the digest: built only from what each person may see, searched in
the e-mail as sent (text and HTML parts), and built for a chunk in a number of queries that does not grow with it."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.services import proposals as proposal_services
from members.actor import build_actor, build_actors
from members.models import Membership, Mission
from practices.models import Category, Resource, Topic, Visibility
from practices.permissions.forum import can_read_topic, topics_visible_to
from practices.permissions.groups import group_ids_by_person
from practices.permissions.resources import can_read_resource, resources_visible_to
from practices.reference_data import ensure_categories
from practices.services import forum as forum_services
from practices.services import moderation
from practices.services.notifications import subscription_set
from spro_portal.digest import periods, services
from spro_portal.digest.models import DigestDelivery
from tests.factories import CoordinatorFactory, MembershipFactory, StructureFactory, UserFactory
from tests.indicators import helpers as indicator_helpers
from tests.practices import factories as forum_factories
from tests.practices import resource_factories
from tests.practices.factories import category

pytestmark = pytest.mark.django_db

PERSONAS = [
    "adviser",
    "referent",
    "other_adviser",
    "other_referent",
    "territorial_coordinator",
    "regional_coordinator",
    "staff",
]


@pytest.fixture
def this_month():
    today = timezone.localdate()
    return periods.month(today.year, today.month)


def rendered(person, period):
    """The digest e-mail as it would leave: its text part and its HTML part, joined."""
    message = services.digest_message(services.build(person, period))
    return message.body + "\n" + message.alternatives[0][0]


@pytest.fixture
def community(network):
    """Both structures cover every mission; the Brest adviser asks in a closed group, asks confidentially,
    and the Rennes adviser watches the « Accueil » category."""
    ensure_categories(Category, Mission)  # the migration's, back after a transactional test flushed them
    for structure in (network.structure, network.other_structure):
        structure.missions.set(Mission.objects.all())
    closed = forum_factories.group(
        "Conseillers du Pays de Brest", closed=True, members=[network.other_adviser, network.other_referent]
    )
    group_topic = forum_factories.topic(
        network.other_adviser, title="Réunion interne du groupe de Brest", body="Ordre du jour.", group=closed
    )
    asker = MembershipFactory(
        structure=network.other_structure, user__first_name="Ysaline", user__last_name="Quéméneur"
    ).user
    confidential = forum_factories.topic(
        asker,
        title="Nos délais de rendez-vous dépassent trois semaines",
        body="Comment faites-vous ?",
        confidential=True,
    )
    answered = forum_factories.topic(network.referent, title="Ateliers collectifs de rentrée", body="Vos idées ?")
    answer = forum_factories.reply(answered, network.other_adviser, body="Nous faisons des ateliers CV.")
    forum_services.reaction_toggle(post=answer, user=network.adviser, useful=True)
    subscription_set(user=network.adviser, level="watching", category=category("accueil"))
    return {
        "closed": closed,
        "group_topic": group_topic,
        "confidential": confidential,
        "asker": asker,
        "answered": answered,
    }


def test_a_closed_groups_topic_never_reaches_a_non_member(network, community, this_month):
    title = community["group_topic"].title
    # The Rennes adviser still watches the group from before they left it; the coordinator watches it too.
    subscription_set(user=network.adviser, level="watching", working_group=community["closed"])
    subscription_set(user=network.regional_coordinator, level="watching", working_group=community["closed"])
    assert title not in rendered(network.adviser, this_month)
    assert title not in rendered(network.referent, this_month)
    assert title in rendered(network.other_referent, this_month)  # a member, unanswered in their missions
    assert title in rendered(network.regional_coordinator, this_month)  # moderators read every group


def test_a_confidential_question_never_names_its_author_to_peers(network, community, this_month):
    asker = community["asker"]
    title = community["confidential"].title
    for peer in (network.adviser, network.referent, network.other_referent, network.other_adviser):
        text = rendered(peer, this_month)
        assert title in text, "the question is shown, as unanswered in their missions"
        assert "Ysaline" not in text and "Quéméneur" not in text and asker.email not in text
        assert "un·e conseiller·e d'une Mission locale" in text
    subscription_set(user=network.regional_coordinator, level="watching", category=category("accueil"))
    assert "Ysaline Quéméneur" in rendered(network.regional_coordinator, this_month)  # coordinators see who asked


def test_a_topic_whose_opening_post_is_hidden_is_left_out_and_hidden_posts_count_for_nothing(
    network, community, this_month
):
    hidden = community["answered"].posts.get(number=1)
    moderation.post_hide(post=hidden, moderator=network.regional_coordinator, reason="Données personnelles")
    for persona in ("adviser", "other_adviser", "other_referent", "regional_coordinator"):
        assert community["answered"].title not in rendered(getattr(network, persona), this_month)
    other = forum_factories.topic(network.referent, title="Bilan des salons de l'orientation", body="Vos retours ?")
    useful_but_hidden = forum_factories.reply(other, network.other_adviser, body="Un message à masquer.")
    forum_services.reaction_toggle(post=useful_but_hidden, user=network.adviser, useful=True)
    moderation.post_hide(post=useful_but_hidden, moderator=network.regional_coordinator, reason="Hors sujet")
    assert "Bilan des salons" not in rendered(network.other_referent, this_month)  # neither unanswered nor useful


def test_the_most_useful_topics_and_watched_categories_reach_those_who_may_read_them(network, community, this_month):
    useful = "Parmi les plus utiles du mois (1 « utile ») : « Ateliers collectifs de rentrée »"
    assert useful in rendered(network.other_referent, this_month)
    adviser = rendered(network.adviser, this_month)
    assert "nouveaux sujets dans ce que vous suivez" in adviser  # the confidential and the answered ones
    assert "Nouveau : « Ateliers collectifs de rentrée », dans Accueil" in adviser
    assert useful not in adviser  # a topic is told once, in the first list it is in
    year, week, _ = timezone.localdate().isocalendar()
    assert "Parmi les plus utiles de la semaine (1" in rendered(network.other_referent, periods.week(year, week))


def test_moderation_queue_is_for_coordinators_only(network, community, this_month):
    post = community["answered"].posts.get(number=2)
    moderation.report_create(post=post, reporter=network.adviser, reason="Un nom de jeune cité")
    assert "1 message signalé attend la modération" in rendered(network.territorial_coordinator, this_month)
    assert "modération" not in rendered(network.referent, this_month)


def test_new_resources_in_the_missions_and_the_reuse_of_ones_work(network, this_month):
    network.structure.missions.set(Mission.objects.filter(code="accueil"))
    network.other_structure.missions.set(Mission.objects.filter(code="conseil"))
    shared = resource_factories.resource(network.other_adviser, title="Grille d'accueil partagée")
    shared.missions.set(Mission.objects.filter(code="accueil"))
    closed = forum_factories.group("Groupe fermé des outils", closed=True, members=[network.other_adviser])
    reserved = resource_factories.resource(
        network.other_adviser, title="Outil réservé au groupe", visibility=Visibility.GROUP, group=closed
    )
    reserved.missions.set(Mission.objects.filter(code="accueil"))
    resource_factories.story(shared, network.adviser)
    adviser = rendered(network.adviser, this_month)
    assert (
        "Nouvelle ressource : « Grille d'accueil partagée », partagée par Mission locale du Pays de Brest." in adviser
    )
    assert "Outil réservé au groupe" not in adviser
    author = rendered(network.other_adviser, this_month)
    assert "Votre travail a été réutilisé : CIO de Rennes a raconté sa réutilisation de « Grille d'accueil" in author
    assert "Nouvelle ressource" not in author  # neither their own nor outside their missions


def test_indicator_values_and_statuses_never_leak_to_another_structure(network, this_month):
    indicator = indicator_helpers.adopted_indicator(network.adviser, network.regional_coordinator)
    campaign = indicator_helpers.campaign([indicator], [network.structure, network.other_structure], label="T3 2026")
    indicator_helpers.report_with(campaign, network.structure, {indicator: Decimal("1234.5")}, status="submitted")
    mine = rendered(network.adviser, this_month)
    assert "Campagne T3 2026, CIO de Rennes : rapport déposé, en attente de validation" in mine
    assert "1234" not in mine and "1 234" not in mine
    theirs = rendered(network.other_adviser, this_month)
    assert "Campagne T3 2026, Mission locale du Pays de Brest : rapport à déposer avant le" in theirs
    assert "CIO de Rennes" not in theirs and "1234" not in theirs and "1 234" not in theirs
    assert "1 rapport d'indicateurs déposé attend votre validation" in rendered(
        network.territorial_coordinator, this_month
    )
    assert "rapport d'indicateurs déposé" not in rendered(network.other_referent, this_month)


def test_a_proposal_in_discussion_awaits_the_position_of_those_who_have_not_taken_one(network, this_month):
    proposal = indicator_helpers.in_discussion(network.referent, network.regional_coordinator, name="Taux de retour")
    proposal_services.position_take(
        proposal=proposal, user=network.adviser, structure=network.structure, kind="support"
    )
    assert "« Taux de retour » attend votre position" in rendered(network.other_adviser, this_month)
    assert "« Taux de retour »" not in rendered(network.adviser, this_month)  # already took a position
    assert "« Taux de retour »" not in rendered(network.regional_coordinator, this_month)  # positions are structures'


def test_an_empty_digest_is_not_sent(network, this_month):
    [chunk] = services.plan_period(this_month)
    outcomes = services.send_chunk(chunk)
    assert set(outcomes.values()) == {services.EMPTY}
    assert mail.outbox == []
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {DigestDelivery.Status.EMPTY}


def test_the_chunk_rules_agree_with_the_apps_querysets(network, community):
    resource_factories.resource(
        network.other_adviser, title="Pour le groupe", visibility="group", group=community["closed"]
    )
    resource_factories.resource(network.adviser, title="Publique", visibility="public")
    people = [getattr(network, persona) for persona in PERSONAS]
    actors = build_actors(people)
    groups = group_ids_by_person(actors.values())
    for person in people:
        actor = actors[person.pk]
        assert actor == build_actor(person)
        mine = groups.get(person.pk, set())
        topics = Topic.objects.select_related("working_group")
        assert {t.pk for t in topics if can_read_topic(actor, t, group_ids=mine)} == set(
            topics_visible_to(actor).values_list("pk", flat=True)
        )
        resources = Resource.objects.all()
        assert {r.pk for r in resources if can_read_resource(actor, r, group_ids=mine)} == set(
            resources_visible_to(actor).values_list("pk", flat=True)
        )


def more_people(network, community, count):
    """`count` more people of every kind, each with something in every section."""
    people = []
    for index in range(count):
        structure = StructureFactory(territory=network.territory if index % 2 else network.other_territory)
        structure.missions.set(Mission.objects.all())
        role = Membership.Role.REFERENT if index % 3 == 0 else Membership.Role.ADVISER
        person = MembershipFactory(structure=structure, role=role).user
        subscription_set(user=person, level="watching", category=category("accueil"))
        if index % 4 == 0:
            forum_factories.group(f"Groupe {index}", members=[person])
        people.append(person)
    people.append(CoordinatorFactory(territories=[network.territory]).user)
    people.append(UserFactory())  # in no structure yet: nothing to read
    return people


def test_the_queries_of_a_chunk_do_not_grow_with_its_size(network, community, this_month):
    indicator = indicator_helpers.adopted_indicator(network.adviser, network.regional_coordinator)
    indicator_helpers.campaign([indicator], [network.structure, network.other_structure])
    indicator_helpers.in_discussion(network.referent, network.regional_coordinator, name="Taux de retour")
    personas = [getattr(network, persona) for persona in PERSONAS]
    with CaptureQueriesContext(connection) as small:
        small_digests = services.build_many(personas, this_month)
    people = personas + more_people(network, community, 40)
    with CaptureQueriesContext(connection) as large:
        large_digests = services.build_many(people, this_month)
    assert sum(not digest.is_empty for digest in small_digests.values()) >= 5
    assert sum(not digest.is_empty for digest in large_digests.values()) >= 45
    assert len(large.captured_queries) == len(small.captured_queries)


def test_sending_a_chunk_costs_fixed_queries_plus_two_marks_per_message(network, community, this_month, settings):
    """Building the chunk costs the same whatever its size; each message then costs its two row marks (sending,
    sent), which is what keeps a killed worker's uncertainty to the one message in flight."""
    people = more_people(network, community, 30)
    settings.DIGEST_CHUNK_SIZE = len(PERSONAS)  # the first chunk: the personas, one of every kind
    chunks = services.plan_period(this_month)
    with CaptureQueriesContext(connection) as small:
        small_outcomes = services.send_chunk(chunks[0])
    rest = [pk for chunk in chunks[1:] for pk in chunk]
    with CaptureQueriesContext(connection) as large:
        large_outcomes = services.send_chunk(rest)
    assert len(rest) > 25 and len(mail.outbox) > len(people) // 2

    def fixed(queries, outcomes):
        return len(queries.captured_queries) - 2 * list(outcomes.values()).count(services.SENT)

    assert fixed(large, large_outcomes) == fixed(small, small_outcomes)


def test_the_digest_in_the_browser_costs_the_same_queries_for_1_and_50_topics(
    client_for, network, community, this_month, django_assert_num_queries
):
    url = f"/compte/resume/{this_month.key}/"
    client = client_for("adviser")
    with CaptureQueriesContext(connection) as one:
        first = client.get(url)
    for index in range(50):  # in « Accueil », which the adviser watches, and unanswered in their missions
        forum_factories.topic(network.other_adviser, title=f"Question du mois {index}", body="Une idée ?")
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert first.status_code == page.status_code == 200
    assert "Question du mois 49" in page.content.decode()  # newest first, five shown
    assert "Sans réponse" in page.content.decode()
