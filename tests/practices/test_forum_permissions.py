"""Persona × page and persona × action on the forum: members read and write, a closed group's topics exist only
for its members and the coordinators, authors edit their posts, the question's author or a coordinator marks the
solution, nobody finds their own post « utile »."""

import pytest

from practices.models import Reaction, Topic
from tests.utils import LOGIN, PERSONAS, assert_access, assert_matrix_complete, persona_row

MEMBERS = persona_row(200, staff=403)
MEMBERS_ACT = persona_row(302, staff=403)
NOWHERE = persona_row(404, staff=403)
CLOSED_GROUP = persona_row(404, other_adviser=200, territorial_coordinator=200, regional_coordinator=200, staff=403)
ANSWER_AUTHOR_AND_COORDINATORS = persona_row(
    403, other_adviser=200, territorial_coordinator=200, regional_coordinator=200
)
COORDINATORS = persona_row(403, territorial_coordinator=200, regional_coordinator=200)
# The answer is other_adviser's: everybody else may find it useful.
REACT = persona_row(302, other_adviser=403, staff=403)
# The question is adviser's.
SOLUTION = persona_row(403, adviser=302, territorial_coordinator=302, regional_coordinator=302)
CLOSED_GROUP_ACT = persona_row(404, other_adviser=403, territorial_coordinator=302, regional_coordinator=302, staff=403)

PAGES = {
    "index": ("/communaute/", MEMBERS),
    "category": ("/communaute/categories/accueil/", MEMBERS),
    "unknown category": ("/communaute/categories/n-existe-pas/", NOWHERE),
    "topic": ("/communaute/sujets/{question.pk}/", MEMBERS),
    "topic of a closed group": ("/communaute/sujets/{group_topic.pk}/", CLOSED_GROUP),
    "unknown topic": ("/communaute/sujets/999999/", NOWHERE),
    "new topic": ("/communaute/nouveau/", MEMBERS),
    "my questions": ("/communaute/mes-questions/", MEMBERS),
    "new topic in a closed group": (
        "/communaute/nouveau/?groupe={closed_group.slug}",
        persona_row(403, other_adviser=200, territorial_coordinator=200, regional_coordinator=200),
    ),
    "suggestions": ("/communaute/suggestions/?title=jeune+diplôme", MEMBERS),
    "reply": ("/communaute/sujets/{question.pk}/repondre/", MEMBERS),
    "reply in a closed group": ("/communaute/sujets/{group_topic.pk}/repondre/", CLOSED_GROUP),
    "post link": ("/communaute/messages/{answer.pk}/", persona_row(302, staff=403)),
    "post link in a closed group": (
        "/communaute/messages/{group_post.pk}/",
        persona_row(404, other_adviser=302, territorial_coordinator=302, regional_coordinator=302, staff=403),
    ),
    "edit the answer": ("/communaute/messages/{answer.pk}/modifier/", ANSWER_AUTHOR_AND_COORDINATORS),
    "edit in a closed group": ("/communaute/messages/{group_post.pk}/modifier/", CLOSED_GROUP),
    "earlier versions": ("/communaute/messages/{answer.pk}/versions/", COORDINATORS),
    "new category": ("/communaute/nouvelle-categorie/", COORDINATORS),
    "edit a category": ("/communaute/categories/accueil/modifier/", COORDINATORS),
    "groups": ("/communaute/groupes/", MEMBERS),
    "closed group page": ("/communaute/groupes/{closed_group.slug}/", MEMBERS),
    "open group page": ("/communaute/groupes/{open_group.slug}/", MEMBERS),
    "resources": ("/ressources/", dict.fromkeys(PERSONAS, 200)),  # public resources for visitors
    "search": ("/recherche/", MEMBERS),
}

ACTIONS = {
    "useful on the answer": ("/communaute/messages/{answer.pk}/utile/", {"useful": "1"}, REACT),
    "useful on a closed group's post": (
        "/communaute/messages/{group_post.pk}/utile/",
        {"useful": "1"},
        CLOSED_GROUP_ACT,
    ),
    "mark the solution": ("/communaute/messages/{answer.pk}/solution/", {}, SOLUTION),
    "unmark the solution": ("/communaute/sujets/{question.pk}/solution/retirer/", {}, SOLUTION),
    "reply": ("/communaute/sujets/{question.pk}/repondre/", {"body": "Merci !"}, MEMBERS_ACT),
    "reply in a closed group": (
        "/communaute/sujets/{group_topic.pk}/repondre/",
        {"body": "Merci !"},
        {**CLOSED_GROUP, "other_adviser": 302, "territorial_coordinator": 302, "regional_coordinator": 302},
    ),
    "create a category": (
        "/communaute/nouvelle-categorie/",
        {"name": "Insertion", "kind": "theme", "position": "9"},
        persona_row(403, territorial_coordinator=302, regional_coordinator=302),
    ),
    "join the open group": ("/communaute/groupes/{open_group.slug}/rejoindre/", {}, MEMBERS_ACT),
    "ask to join the closed group": (
        "/communaute/groupes/{closed_group.slug}/rejoindre/",
        {"message": "Je travaille sur Brest."},
        # other_adviser is a member already: nothing to join.
        persona_row(302, other_adviser=403, staff=403),
    ),
}


def url_of(template, forum):
    return template.format(**vars(forum))


def test_matrices_cover_every_persona():
    assert_matrix_complete({name: row for name, (_, row) in PAGES.items()})
    assert_matrix_complete({name: row for name, (_, _, row) in ACTIONS.items()})


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_access(client_for, forum, page, persona):
    template, row = PAGES[page]
    assert_access(
        client_for(persona),
        url_of(template, forum),
        row[persona],
        says={403: "Accès refusé", 404: "Page introuvable"},
    )


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_action_access(client_for, forum, action, persona):
    template, data, row = ACTIONS[action]
    assert_access(client_for(persona), url_of(template, forum), row[persona], method="post", data=data)


@pytest.mark.parametrize(
    "url",
    [
        "/communaute/messages/{answer.pk}/utile/",
        "/communaute/messages/{answer.pk}/solution/",
        "/communaute/sujets/{question.pk}/solution/retirer/",
        "/communaute/groupes/{open_group.slug}/rejoindre/",
        "/communaute/groupes/{open_group.slug}/quitter/",
    ],
)
def test_actions_refuse_get(client_for, forum, url):
    assert client_for("adviser").get(url_of(url, forum)).status_code == 405


def test_a_refused_reaction_changes_nothing(client_for, forum):
    client_for("other_adviser").post(f"/communaute/messages/{forum.answer.pk}/utile/", {"useful": "1"})
    assert not Reaction.objects.exists()


def test_a_peer_cannot_mark_the_solution(client_for, forum):
    client_for("referent").post(f"/communaute/messages/{forum.answer.pk}/solution/")
    assert Topic.objects.get(pk=forum.question.pk).solution is None


def test_anonymous_actions_go_to_login(client, forum):
    response = client.post(f"/communaute/messages/{forum.answer.pk}/utile/", {"useful": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    assert LOGIN == "login"
