"""The library's list and a resource's page cost the same number of queries for 1 row or 50."""

import pytest

from practices.models import Visibility
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
