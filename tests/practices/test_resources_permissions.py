"""Persona × page and persona × action on the library: public resources for visitors, network ones for members, a
closed group's for its members and the coordinators, withdrawn ones for their author and the coordinators; only the
author or a coordinator edits, adds versions and withdraws."""

from types import SimpleNamespace

import pytest

from practices.models import Resource, ReuseStory, Visibility
from practices.services import resources as services
from tests.utils import PERSONAS, assert_access, assert_matrix_complete, persona_row

from . import factories
from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root")

EVERYONE = dict.fromkeys(PERSONAS, 200)
NETWORK = persona_row(200, staff=404)
GROUP = persona_row(404, other_adviser=200, territorial_coordinator=200, regional_coordinator=200)
WITHDRAWN = persona_row(404, adviser=200, territorial_coordinator=200, regional_coordinator=200)
AUTHOR_AND_COORDINATORS = persona_row(403, adviser=200, territorial_coordinator=200, regional_coordinator=200)
GROUP_AUTHOR_AND_COORDINATORS = persona_row(
    404, other_adviser=200, territorial_coordinator=200, regional_coordinator=200, staff=403
)
MEMBERS = persona_row(200, staff=403)
NOWHERE = persona_row(404)


@pytest.fixture
def library(network):
    """A network resource by the adviser (CIO de Rennes), a public one and a closed group's by other_adviser
    (Mission locale de Brest), a withdrawn one by the adviser, a link."""
    closed_group = factories.group("Conseillers du Pays de Brest", closed=True, members=[network.other_adviser])
    shared = rf.resource(network.adviser)
    public = rf.resource(network.other_adviser, title="Affiche d'accueil", visibility=Visibility.PUBLIC)
    in_group = rf.resource(
        network.other_adviser, title="Compte rendu du groupe", visibility=Visibility.GROUP, group=closed_group
    )
    withdrawn = rf.resource(network.adviser, title="Ancienne trame")
    services.resource_withdraw(resource=withdrawn, withdrawn_by=network.adviser)
    link = rf.resource(network.referent, title="Fiche métiers en ligne", url="https://exemple.fr/fiches")
    return SimpleNamespace(
        shared=shared,
        shared_file=shared.current_version,
        public=public,
        public_file=public.current_version,
        in_group=in_group,
        group_file=in_group.current_version,
        withdrawn=withdrawn,
        link=link,
    )


PAGES = {
    "library": ("/ressources/", EVERYONE),
    "network resource": ("/ressources/{shared.pk}/", NETWORK),
    "public resource": ("/ressources/{public.pk}/", EVERYONE),
    "group resource": ("/ressources/{in_group.pk}/", GROUP),
    "withdrawn resource": ("/ressources/{withdrawn.pk}/", WITHDRAWN),
    "link resource": ("/ressources/{link.pk}/", NETWORK),
    "unknown resource": ("/ressources/999999/", NOWHERE),
    # No route matches a 20-digit id (the <id:> converter): a 404 for everyone, visitors included.
    "id too large": ("/ressources/99999999999999999999/", persona_row(404, anonymous=404)),
    "share": ("/ressources/partager/", MEMBERS),
    "edit": ("/ressources/{shared.pk}/modifier/", AUTHOR_AND_COORDINATORS),
    "edit the group's": ("/ressources/{in_group.pk}/modifier/", GROUP_AUTHOR_AND_COORDINATORS),
    "edit a withdrawn one": (
        "/ressources/{withdrawn.pk}/modifier/",
        persona_row(404, adviser=403, territorial_coordinator=403, regional_coordinator=403, staff=403),
    ),
    "new version": ("/ressources/{shared.pk}/nouvelle-version/", AUTHOR_AND_COORDINATORS),
    "new version of a link": (
        "/ressources/{link.pk}/nouvelle-version/",
        persona_row(403, staff=403),
    ),
    "download": ("/ressources/fichiers/{shared_file.pk}/", NETWORK),
    "download a public file": ("/ressources/fichiers/{public_file.pk}/", EVERYONE),
    "download the group's file": ("/ressources/fichiers/{group_file.pk}/", GROUP),
    "download an unknown file": ("/ressources/fichiers/999999/", NOWHERE),
}

STORY = {"context": "Au CIO, en atelier.", "adaptations": "Une question de moins."}
ACTIONS = {
    "withdraw": (
        "/ressources/{shared.pk}/retirer/",
        {},
        persona_row(403, adviser=302, territorial_coordinator=302, regional_coordinator=302),
    ),
    "withdraw the group's": (
        "/ressources/{in_group.pk}/retirer/",
        {},
        persona_row(404, other_adviser=302, territorial_coordinator=302, regional_coordinator=302, staff=403),
    ),
    "tell a reuse": ("/ressources/{shared.pk}/reutilisations/", STORY, persona_row(302, staff=403)),
    "tell a reuse of the group's": (
        "/ressources/{in_group.pk}/reutilisations/",
        STORY,
        persona_row(404, other_adviser=302, territorial_coordinator=302, regional_coordinator=302, staff=403),
    ),
}


def url_of(template, library):
    return template.format(**vars(library))


def test_matrices_cover_every_persona():
    assert_matrix_complete({name: row for name, (_, row) in PAGES.items()})
    assert_matrix_complete({name: row for name, (_, _, row) in ACTIONS.items()})


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_access(client_for, library, page, persona):
    template, row = PAGES[page]
    response = assert_access(
        client_for(persona),
        url_of(template, library),
        row[persona],
        says={403: "Accès refusé", 404: "Page introuvable"},
    )
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_action_access(client_for, library, action, persona):
    template, data, row = ACTIONS[action]
    assert_access(client_for(persona), url_of(template, library), row[persona], method="post", data=data)


def test_a_visitor_sees_only_public_resources_in_the_library(client, library):
    html = client.get("/ressources/").content.decode()
    assert "Affiche d&#x27;accueil" in html
    assert "Grille d&#x27;entretien" not in html
    assert "Compte rendu du groupe" not in html


def test_withdrawn_and_group_resources_stay_out_of_the_list_of_others(client_for, library):
    html = client_for("referent").get("/ressources/").content.decode()
    assert "Grille d&#x27;entretien" in html
    assert "Ancienne trame" not in html
    assert "Compte rendu du groupe" not in html


def test_a_colleague_of_the_same_structure_does_not_edit_the_author_s_resource(client_for, library):
    response = client_for("referent").post(
        f"/ressources/{library.shared.pk}/modifier/", {"title": "Changé", "summary": "x", "kind": "outil"}
    )
    assert response.status_code == 403
    library.shared.refresh_from_db()
    assert library.shared.title == "Grille d'entretien de premier accueil"


def test_a_refused_withdrawal_changes_nothing(client_for, library):
    client_for("other_adviser").post(f"/ressources/{library.shared.pk}/retirer/")
    assert Resource.objects.get(pk=library.shared.pk).withdrawn_at is None


def test_actions_refuse_get(client_for, library):
    assert client_for("adviser").get(f"/ressources/{library.shared.pk}/retirer/").status_code == 405
    assert client_for("adviser").get(f"/ressources/{library.shared.pk}/reutilisations/").status_code == 405
    assert not ReuseStory.objects.exists()


def test_page_abilities_follow_the_permissions(client_for, library):
    author = client_for("adviser").get(f"/ressources/{library.shared.pk}/").content.decode()
    peer = client_for("other_adviser").get(f"/ressources/{library.shared.pk}/").content.decode()
    visitor = client_for("anonymous").get(f"/ressources/{library.public.pk}/").content.decode()
    assert "Retirer de la bibliothèque" in author and "Ajouter une version" in author
    assert "Retirer de la bibliothèque" not in peer and "Raconter une réutilisation" in peer
    assert "Raconter une réutilisation" not in visitor and "Discuter de cette ressource" not in visitor
    assert "Télécharger" in visitor


def test_login_is_asked_of_a_visitor_following_a_network_link(client, library):
    response = client.get(f"/ressources/{library.shared.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")


def test_visitors_see_which_structure_reused_a_public_resource_but_not_who(client, client_for, network, library):
    rf.story(library.public, network.adviser)
    name = network.adviser.get_full_name()
    assert name not in client.get(library.public.get_absolute_url()).content.decode()
    assert name in client_for("referent").get(library.public.get_absolute_url()).content.decode()
