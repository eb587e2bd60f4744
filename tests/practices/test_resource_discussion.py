"""« Discuter de cette ressource »: the question form starts with the resource's title, the topic and the resource
link to each other, and a closed group's resource is discussed inside its group only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Topic, Visibility

from . import factories
from . import resource_factories as rf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

FORM = "/communaute/nouveau/"


def new_topic_url(resource):
    return f"{FORM}?categorie=outils&ressource={resource.pk}"


def ask(client, resource, title="À propos de la trame", body="Comment l'adaptez-vous pour les collégiens ?"):
    return client.post(new_topic_url(resource), {"category": "outils", "title": title, "body": body})


def test_the_form_starts_with_the_resources_title_and_says_what_it_is_about(client, network):
    resource = rf.resource(network.other_adviser, title="Trame d'entretien d'accueil")
    client.force_login(network.adviser)
    page = client.get(new_topic_url(resource)).content.decode()
    assert 'value="À propos de « Trame d&#x27;entretien d&#x27;accueil »"' in page
    assert "Votre question portera sur la ressource" in page
    assert resource.get_absolute_url() in page


def test_the_topic_and_the_resource_link_to_each_other(client, network):
    resource = rf.resource(network.other_adviser, title="Trame d'entretien d'accueil")
    client.force_login(network.adviser)
    response = ask(client, resource)
    topic = Topic.objects.get(title="À propos de la trame")
    assert response.status_code == 302 and topic.resource == resource
    assert resource.get_absolute_url() in client.get(topic.get_absolute_url()).content.decode()
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Discussions sur cette ressource" in page and topic.get_absolute_url() in page


@pytest.mark.parametrize("raw", ["abc", "-1", "0", "99999999999999999999999", "999999"])
def test_a_bad_or_unknown_resource_id_gives_the_plain_form(client, network, raw):
    client.force_login(network.adviser)
    response = client.get(f"{FORM}?ressource={raw}")
    assert response.status_code == 200
    assert "Votre question portera sur la ressource" not in response.content.decode()
    client.post(f"{FORM}?ressource={raw}", {"category": "outils", "title": "Une question", "body": "Un détail."})
    assert Topic.objects.get(title="Une question").resource is None


def test_a_withdrawn_resource_is_not_discussed(client, network):
    from practices.services import resources as services

    resource = rf.resource(network.other_adviser, title="Ancienne trame")
    services.resource_withdraw(resource=resource, withdrawn_by=network.other_adviser)
    client.force_login(network.adviser)
    ask(client, resource)
    assert Topic.objects.get(title="À propos de la trame").resource is None


def test_a_closed_groups_resource_is_discussed_inside_the_group_and_never_named_outside(client, network):
    closed = factories.group("Conseillers du Pays de Brest", closed=True, members=[network.other_adviser])
    resource = rf.resource(
        network.other_adviser, title="Compte rendu interne", visibility=Visibility.GROUP, group=closed
    )
    client.force_login(network.other_adviser)
    ask(client, resource, title="Suite du compte rendu")
    topic = Topic.objects.get(title="Suite du compte rendu")
    assert topic.working_group == closed and topic.resource == resource
    # Someone outside the group can neither open the form about it nor read the topic.
    client.force_login(network.adviser)
    assert "Compte rendu interne" not in client.get(new_topic_url(resource)).content.decode()
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_the_topic_does_not_name_a_resource_its_reader_may_not_see(client, network):
    closed = factories.group("Conseillers du Pays de Brest", closed=True, members=[network.other_adviser])
    resource = rf.resource(
        network.other_adviser, title="Compte rendu interne", visibility=Visibility.GROUP, group=closed
    )
    # A topic outside the group pointing at it (made before the rule, or by a coordinator moving it).
    topic = factories.topic(network.other_adviser, title="Question ouverte")
    Topic.objects.filter(pk=topic.pk).update(resource=resource)
    client.force_login(network.adviser)
    assert "Compte rendu interne" not in client.get(topic.get_absolute_url()).content.decode()


def test_the_resource_page_lists_only_discussions_its_reader_may_open(client, network):
    closed = factories.group("Conseillers du Pays de Brest", closed=True, members=[network.other_adviser])
    resource = rf.resource(network.referent, title="Trame partagée")
    inside = factories.topic(network.other_adviser, title="Discussion du groupe", group=closed)
    outside = factories.topic(network.other_adviser, title="Discussion du réseau")
    Topic.objects.filter(pk__in=[inside.pk, outside.pk]).update(resource=resource)
    client.force_login(network.adviser)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Discussion du réseau" in page and "Discussion du groupe" not in page


def test_the_resource_page_costs_the_same_queries_for_one_and_many_discussions(client, network):
    resource = rf.resource(network.referent, title="Trame partagée")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(resource.get_absolute_url()).status_code == 200
        return len(queries)

    client.force_login(network.adviser)
    Topic.objects.filter(pk=factories.topic(network.other_adviser, title="Première").pk).update(resource=resource)
    one = count()
    for number in range(8):
        topic = factories.topic(network.other_adviser, title=f"Discussion {number}")
        Topic.objects.filter(pk=topic.pk).update(resource=resource)
    assert count() == one
