"""Working groups: open ones are joined straight away; a closed one shows outsiders only its name and
presentation, and lets them ask; its creator or a coordinator accepts."""

import pytest

from practices.models import GroupJoinRequest, GroupMembership
from tests.utils import text


@pytest.mark.parametrize("persona", ["adviser", "referent"])
def test_outsiders_see_neither_the_topics_nor_the_members_of_a_closed_group(client_for, forum, persona):
    html = text(client_for(persona).get(f"/communaute/groupes/{forum.closed_group.slug}/"))
    assert forum.group_topic.title not in html
    assert forum.network.other_adviser.last_name not in html
    assert "Demander à rejoindre le groupe" in html
    assert forum.group_topic.title not in text(client_for(persona).get("/communaute/"))
    assert forum.group_topic.title not in text(client_for(persona).get("/communaute/categories/accueil/"))
    assert forum.group_topic.title not in text(
        client_for(persona).get("/communaute/suggestions/", {"title": "réunion groupe Brest"})
    )


@pytest.mark.parametrize("persona", ["other_adviser", "territorial_coordinator", "regional_coordinator"])
def test_members_and_coordinators_read_the_closed_group(client_for, forum, persona):
    html = text(client_for(persona).get(f"/communaute/groupes/{forum.closed_group.slug}/"))
    assert forum.group_topic.title in html
    assert "Membres" in html


def test_an_open_group_is_joined_directly(client_for, forum):
    client = client_for("adviser")
    client.post(f"/communaute/groupes/{forum.open_group.slug}/rejoindre/")
    assert GroupMembership.objects.filter(group=forum.open_group, user=forum.network.adviser).exists()
    html = text(client.get(f"/communaute/groupes/{forum.open_group.slug}/"))
    assert "Quitter le groupe" in html and "Ouvrir un sujet dans le groupe" in html


def test_a_closed_group_is_joined_on_request_accepted_by_its_creator(client_for, forum):
    client_for("adviser").post(f"/communaute/groupes/{forum.closed_group.slug}/rejoindre/", {"message": "Bonjour !"})
    join_request = GroupJoinRequest.objects.get(group=forum.closed_group, user=forum.network.adviser)
    assert not GroupMembership.objects.filter(group=forum.closed_group, user=forum.network.adviser).exists()
    assert "Votre demande est en attente" in text(
        client_for("adviser").get(f"/communaute/groupes/{forum.closed_group.slug}/")
    )
    creator_page = text(client_for("other_adviser").get(f"/communaute/groupes/{forum.closed_group.slug}/"))
    assert "« Bonjour ! »" in creator_page
    # A member who did not create the group does not decide.
    assert (
        client_for("referent")
        .post(f"/communaute/groupes/{forum.closed_group.slug}/demandes/{join_request.pk}/", {"decision": "accept"})
        .status_code
        == 403
    )
    client_for("other_adviser").post(
        f"/communaute/groupes/{forum.closed_group.slug}/demandes/{join_request.pk}/", {"decision": "accept"}
    )
    assert GroupMembership.objects.filter(group=forum.closed_group, user=forum.network.adviser).exists()
    assert forum.group_topic.title in text(client_for("adviser").get(f"/communaute/groupes/{forum.closed_group.slug}/"))
    assert client_for("adviser").get(f"/communaute/sujets/{forum.group_topic.pk}/").status_code == 200


def test_a_coordinator_refuses_a_request(client_for, forum):
    join_request = GroupJoinRequest.objects.create(group=forum.closed_group, user=forum.network.referent)
    client_for("territorial_coordinator").post(
        f"/communaute/groupes/{forum.closed_group.slug}/demandes/{join_request.pk}/", {"decision": "refuse"}
    )
    join_request.refresh_from_db()
    assert join_request.status == GroupJoinRequest.Status.REFUSED
    assert client_for("referent").get(f"/communaute/sujets/{forum.group_topic.pk}/").status_code == 404


def test_a_member_opens_a_topic_in_the_group(client_for, forum):
    response = client_for("other_adviser").post(
        f"/communaute/nouveau/?groupe={forum.closed_group.slug}",
        {"category": "accueil", "title": "Compte rendu de la réunion", "body": "Voici le compte rendu."},
    )
    assert response.status_code == 302
    topic = forum.closed_group.topics.get(title="Compte rendu de la réunion")
    assert client_for("adviser").get(topic.get_absolute_url()).status_code == 404


def test_a_coordinator_joins_a_closed_group_directly(client_for, forum):
    client_for("regional_coordinator").post(f"/communaute/groupes/{forum.closed_group.slug}/rejoindre/")
    assert GroupMembership.objects.filter(group=forum.closed_group, user=forum.network.regional_coordinator).exists()
