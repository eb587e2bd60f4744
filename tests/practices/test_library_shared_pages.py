"""The library's list shared whole (spro_portal.shared_pages) by the readers who may read the same resources
(permissions.resources.visibility_key): built once for them, never handed to a reader who may read more or less."""

import pytest
from django.test import Client

from practices.models import Visibility
from practices.pages import resources as library_pages
from practices.services import groups as group_services
from practices.services import resources as services
from tests.factories import MembershipFactory
from tests.utils import counting, text

from . import factories
from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root", "fragments_on")

LIBRARY = "/ressources/"
GROUP_RESOURCE = "Ordre du jour du groupe de Brest"


@pytest.fixture
def group_resource(network, django_capture_on_commit_callbacks):
    """A network resource, and one of a closed group whose only member is the other adviser, its author."""
    closed = factories.group(
        "Conseillers du Pays de Brest", closed=True, members=[network.other_adviser], created_by=network.other_adviser
    )
    with django_capture_on_commit_callbacks(execute=True):
        rf.resource(network.referent, title="Grille publique", url="https://exemple.fr/g", visibility=Visibility.PUBLIC)
        rf.resource(network.referent, title="Grille du réseau", url="https://exemple.fr/r")
        resource = rf.resource(
            network.other_adviser,
            title=GROUP_RESOURCE,
            url="https://exemple.fr/odj",
            visibility=Visibility.GROUP,
            group=closed,
        )
    return resource


def test_readers_who_may_read_the_same_resources_share_one_list(client_for, network, group_resource, monkeypatch):
    builds = counting(monkeypatch, library_pages, "library_page")
    colleague = Client()
    colleague.force_login(MembershipFactory(structure=network.structure).user)  # same role, no group
    first, second = text(client_for("adviser").get(LIBRARY)), text(colleague.get(LIBRARY))
    assert builds[0] == 1
    for page in (first, second):
        assert "Grille du réseau" in page and GROUP_RESOURCE not in page
    member = text(client_for("other_adviser").get(LIBRARY))  # in the group: another list
    assert builds[0] == 2
    assert GROUP_RESOURCE in member


def test_visitors_share_the_public_list_and_read_nothing_else(client_for, group_resource, monkeypatch):
    client_for("adviser").get(LIBRARY)
    builds = counting(monkeypatch, library_pages, "library_page")
    first, second = text(Client().get(LIBRARY)), text(Client().get(LIBRARY))
    assert builds[0] == 1
    for page in (first, second):
        assert "Grille publique" in page
        assert "Grille du réseau" not in page and GROUP_RESOURCE not in page


def test_an_author_who_left_the_group_keeps_their_resource_and_nobody_else_gets_it(
    client_for, network, group_resource, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_request_accept(
            join_request=group_services.group_request_create(group=group_resource.working_group, user=network.adviser),
            decided_by=network.other_adviser,
        )
        group_services.group_leave(group=group_resource.working_group, user=network.other_adviser)
    author = text(client_for("other_adviser").get(LIBRARY))
    assert GROUP_RESOURCE in author  # their own, though no longer in its group
    # The other structure's adviser has the same role and the same groups (none) as the author now: not the same list.
    peer = Client()
    peer.force_login(MembershipFactory(structure=network.other_structure).user)
    assert GROUP_RESOURCE not in text(peer.get(LIBRARY))
    assert GROUP_RESOURCE in text(client_for("adviser").get(LIBRARY))  # the group's member since


def test_two_readers_of_one_role_in_different_groups_get_each_their_list(
    client_for, network, group_resource, django_capture_on_commit_callbacks
):
    colleague_user = MembershipFactory(structure=network.structure).user  # the adviser's role, and in the group
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_request_accept(
            join_request=group_services.group_request_create(group=group_resource.working_group, user=colleague_user),
            decided_by=network.other_adviser,
        )
    colleague = Client()
    colleague.force_login(colleague_user)
    assert GROUP_RESOURCE not in text(client_for("adviser").get(LIBRARY))
    assert GROUP_RESOURCE in text(colleague.get(LIBRARY))
    assert GROUP_RESOURCE not in text(client_for("adviser").get(LIBRARY))


# --- a resource's page ------------------------------------------------------------------------------------------


def test_a_resource_page_is_shared_and_a_new_version_shows_at_once(
    client_for, network, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resource = rf.resource(network.referent)
    builds = counting(monkeypatch, library_pages, "resource_page")
    url = resource.get_absolute_url()
    colleague = Client()
    colleague.force_login(MembershipFactory(structure=network.other_structure).user)
    text(client_for("other_adviser").get(url))
    page = text(colleague.get(url))
    assert builds[0] == 1  # the same role, the same groups: one page
    assert "version 1" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_add_version(
            resource=resource,
            upload=rf.upload("grille-v2.pdf"),
            note="Questions reformulées.",
            added_by=network.referent,
        )
    page = text(colleague.get(url))
    assert "version 2" in page and "Questions reformulées." in page


def test_a_cached_resource_page_is_never_served_to_who_may_not_read_it(
    client_for, network, group_resource, django_capture_on_commit_callbacks
):
    url = group_resource.get_absolute_url()
    member = client_for("other_adviser")
    assert member.get(url).status_code == 200
    assert member.get(url).status_code == 200  # from the cache
    peer = Client()
    peer.force_login(MembershipFactory(structure=network.other_structure).user)  # the member's role, not in the group
    assert peer.get(url).status_code == 404
    visitor = Client().get(url)
    assert visitor.status_code == 302 and visitor["Location"].startswith("/compte/login/")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_withdraw(resource=group_resource, withdrawn_by=network.other_adviser)
    assert client_for("adviser").get(url).status_code == 404
    assert member.get(url).status_code == 200  # its author still reads it
