"""The library's list and a resource's page cost the same number of queries for 1 row or 50."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Resource, Visibility
from practices.services import resources as services

from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root")


def test_the_library_costs_the_same_for_1_or_50_resources(client_for, network, assert_same_query_count):
    rf.resource(network.adviser)

    def add_rows():
        for number in range(49):
            author = network.other_adviser if number % 2 else network.referent
            rf.resource(author, title=f"Outil {number}", url=f"https://exemple.fr/{number}")

    response = assert_same_query_count(client_for("adviser"), "/ressources/?tri=reutilisees", add_rows, warm=True)
    assert "50 ressources" in response.content.decode()


def test_a_filtered_library_costs_the_same(client_for, network, assert_same_query_count):
    rf.resource(network.adviser, kind="modele")

    def add_rows():
        for number in range(49):
            rf.resource(network.other_adviser, title=f"Trame {number}", kind="modele", url="https://exemple.fr/t")

    url = "/ressources/?sorte=modele&type=cio&territoire=pays-de-rennes&reutilisee=non&tri=telechargees"
    assert_same_query_count(client_for("regional_coordinator"), url, add_rows, warm=True)


def test_the_public_library_costs_the_same_for_visitors(client, network, assert_same_query_count):
    rf.resource(network.adviser, visibility=Visibility.PUBLIC)

    def add_rows():
        for number in range(49):
            rf.resource(network.adviser, title=f"Affiche {number}", visibility=Visibility.PUBLIC, url="https://e.fr")

    assert_same_query_count(client, "/ressources/", add_rows)


def test_a_resource_page_costs_the_same_for_1_or_50_versions_stories_and_adaptations(
    client_for, network, assert_same_query_count
):
    resource = rf.resource(network.adviser, co_authors=[network.other_structure])
    rf.story(resource, network.other_adviser)
    rf.resource(network.referent, title="Adaptation 0", url="https://e.fr/0", derived_from=resource)

    def add_rows():
        for number in range(49):
            services.resource_add_version(
                resource=resource, upload=rf.upload(), note=f"Changement {number}", added_by=network.adviser
            )
            rf.story(resource, network.referent if number % 2 else network.other_adviser)
            rf.resource(network.referent, title=f"Adaptation {number + 1}", url="https://e.fr/a", derived_from=resource)

    response = assert_same_query_count(client_for("other_adviser"), resource.get_absolute_url(), add_rows, warm=True)
    assert "Réutilisations racontées (50)" in response.content.decode()


def _titles(response):
    return re.findall(r'topic-row__title"><a href="/ressources/\d+/">([^<]+)</a>', response.content.decode())


def test_a_far_page_keeps_the_order_and_costs_the_same_as_the_first(client_for, network, django_assert_num_queries):
    for number in range(45):
        item = rf.resource(network.referent, title=f"Outil {number:02d}", url=f"https://exemple.fr/{number}")
        Resource.objects.filter(pk=item.pk).update(reuse_count=number % 7)
    expected = list(Resource.objects.order_by("-reuse_count", "-created_at", "-pk").values_list("title", flat=True))
    client = client_for("adviser")
    client.get("/ressources/?tri=reutilisees")  # warm the caches (session, reference lists)
    with CaptureQueriesContext(connection) as first:
        first_titles = _titles(client.get("/ressources/?tri=reutilisees"))
    with django_assert_num_queries(len(first)):
        last_titles = _titles(client.get("/ressources/?tri=reutilisees&page=3"))
    assert first_titles == expected[:20]
    assert last_titles == expected[40:]


def test_the_list_reads_only_the_page_ids_then_those_rows(client_for, network):
    for number in range(30):
        rf.resource(network.referent, title=f"Lien {number}", url=f"https://exemple.fr/{number}")
    client = client_for("adviser")
    with CaptureQueriesContext(connection) as queries:
        client.get("/ressources/?page=2")
    resource_reads = [q["sql"] for q in queries if 'FROM "practices_resource"' in q["sql"] and "COUNT" not in q["sql"]]
    ids_query, rows_query = resource_reads
    assert ids_query.startswith('SELECT "practices_resource"."id" AS "pk" FROM "practices_resource" WHERE')  # no join
    assert "summary_html" not in rows_query and "IN (" in rows_query
