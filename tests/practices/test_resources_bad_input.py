"""Bad input on the library's pages: a clear French message, never a 500, nothing typed lost."""

import pytest

from practices.models import Resource, ResourceVersion, ReuseStory, Visibility
from practices.services import resources as services
from tests.utils import text

from . import factories
from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?tri=au-hasard", "Ce tri n'existe pas"),
        ("?sorte=fusee", "Cette sorte de ressource n'existe pas"),
        ("?licence=wtfpl", "Cette licence n'existe pas"),
        ("?mission=inconnue", "Cette mission n'existe pas"),
        ("?public=martiens", "Ce public n'existe pas"),
        ("?type=boulangerie", "Ce type de structure n'existe pas"),
        ("?territoire=atlantide", "Ce territoire n'existe pas"),
        ("?reutilisee=peut-etre", "Ce choix n'existe pas"),
        ("?page=zzz", None),
        ("?page=99999", None),
        ("?sorte=outil&tri=%00", "Ce tri n'existe pas"),
    ],
)
def test_bad_filters_and_pages_show_the_list_with_a_french_message(client_for, network, query, message):
    rf.resource(network.adviser)
    response = client_for("adviser").get(f"/ressources/{query}")
    assert response.status_code == 200
    page = text(response)
    assert "Grille d'entretien de premier accueil" in page  # a bad criterion is left out, not applied
    if message:
        assert message in page
        assert "Certains critères n'ont pas été compris" in page


def test_filters_narrow_and_sort_the_list(client_for, network):
    tool = rf.resource(network.adviser, title="Outil A")
    rf.resource(network.other_adviser, title="Trame B", kind="modele", url="https://e.fr/b")
    rf.story(tool, network.other_adviser)
    client = client_for("referent")
    assert "Trame B" not in text(client.get("/ressources/?sorte=outil"))
    assert "Outil A" not in text(client.get("/ressources/?territoire=pays-de-brest"))
    assert "Trame B" not in text(client.get("/ressources/?reutilisee=oui"))
    assert "Outil A" not in text(client.get("/ressources/?reutilisee=non"))
    page = text(client.get("/ressources/?tri=reutilisees"))
    assert page.index("Outil A") < page.index("Trame B")
    page = text(client.get("/ressources/?tri=recentes"))
    assert page.index("Trame B") < page.index("Outil A")


def test_an_empty_share_form_explains_every_missing_field(client_for):
    response = client_for("adviser").post("/ressources/partager/", {"licence": "cc-by", "visibility": "network"})
    page = text(response)
    assert response.status_code == 200
    for message in [
        "Donnez un titre à la ressource.",
        "Présentez la ressource en quelques lignes.",
        "Choisissez la sorte de ressource.",
        "Joignez un fichier ou donnez le lien de la ressource.",
    ]:
        assert message in page
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"licence": "wtfpl"}, "Cette licence n'existe pas"),
        ({"kind": "fusee"}, "Cette sorte de ressource n'existe pas"),
        ({"url": "javascript:alert(1)"}, "Saisissez une adresse web complète"),
        ({"derived_from": "abc"}, "Saisissez le numéro de la ressource d'origine"),
        ({"derived_from": "999999"}, "Aucune ressource que vous voyez ne porte ce numéro."),
        ({"derived_from": "99999999999999999999"}, "Ce numéro de ressource n'existe pas."),
        ({"visibility": "group"}, "Choisissez le groupe de travail"),
        ({"visibility": "group", "working_group": "pas-le-mien"}, "dont vous êtes membre"),
        ({"visibility": "tout-le-monde"}, "Ce choix n'existe pas"),
        ({"missions": ["inconnue"]}, "Cette mission n'existe pas"),
        ({"co_authors": ["abc"]}, "Cette structure n'existe pas"),
        ({"title": "x" * 200}, "Le titre est trop long"),
    ],
)
def test_bad_share_forms_get_a_french_message_and_keep_what_was_typed(client_for, data, message):
    form = {
        "title": "Ma trame",
        "summary": "Une trame en trois temps.",
        "kind": "modele",
        "licence": "cc-by",
        "visibility": "network",
        "url": "https://exemple.fr/trame",
        **data,
    }
    response = client_for("adviser").post("/ressources/partager/", form)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Une trame en trois temps." in page
    assert not Resource.objects.exists()


def test_a_group_resource_cannot_be_derived_from_by_someone_who_does_not_see_it(client_for, network):
    group = factories.group("Groupe fermé", closed=True, members=[network.other_adviser])
    hidden = rf.resource(network.other_adviser, visibility=Visibility.GROUP, group=group)
    response = client_for("adviser").post(
        "/ressources/partager/",
        {
            "title": "Copie",
            "summary": "x",
            "kind": "outil",
            "licence": "cc-by",
            "visibility": "network",
            "url": "https://e.fr",
            "derived_from": str(hidden.pk),
        },
    )
    assert "Aucune ressource que vous voyez ne porte ce numéro." in text(response)


def test_a_new_version_without_file_or_note_is_explained(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("adviser").post(f"/ressources/{resource.pk}/nouvelle-version/", {})
    page = text(response)
    assert "Choisissez le fichier à envoyer." in page
    assert "Dites en une phrase ce qui a changé dans cette version." in page
    assert ResourceVersion.objects.count() == 1


def test_a_new_version_with_a_bad_file_is_explained(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("adviser").post(
        f"/ressources/{resource.pk}/nouvelle-version/",
        {"note": "Correctif", "file": rf.upload("v2.pdf", b"MZ\x90\x00" + b"\x00" * 60)},
    )
    assert "C'est un programme exécutable" in text(response)
    assert 'value="Correctif"' in response.content.decode()
    assert ResourceVersion.objects.count() == 1


def test_an_empty_reuse_story_is_explained_on_the_resource_page(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("other_adviser").post(
        f"/ressources/{resource.pk}/reutilisations/", {"context": "", "adaptations": "", "outcome": "Bien."}
    )
    assert response.status_code == 200
    page = text(response)
    assert "Ce champ est à remplir." in page and "Bien." in page
    assert not ReuseStory.objects.exists()


def test_a_withdrawn_resource_takes_no_story(client_for, network):
    resource = rf.resource(network.adviser)
    services.resource_withdraw(resource=resource, withdrawn_by=network.adviser)
    response = client_for("territorial_coordinator").post(
        f"/ressources/{resource.pk}/reutilisations/", {"context": "a", "adaptations": "b"}
    )
    assert response.status_code == 403


def test_editing_keeps_what_was_typed_when_refused(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("adviser").post(
        f"/ressources/{resource.pk}/modifier/",
        {"title": "", "summary": "Nouveau texte", "kind": "outil", "licence": "cc-by", "visibility": "network"},
    )
    page = text(response)
    assert "Donnez un titre à la ressource." in page and "Nouveau texte" in page
    resource.refresh_from_db()
    assert resource.summary != "Nouveau texte"


def test_editing_through_the_page(client_for, network):
    resource = rf.resource(network.adviser)
    response = client_for("territorial_coordinator").post(
        f"/ressources/{resource.pk}/modifier/",
        {
            "title": "Grille revue",
            "summary": "Revue.",
            "kind": "pratique",
            "licence": "reserved",
            "visibility": "public",
        },
        follow=True,
    )
    assert "La ressource est modifiée." in text(response)
    resource.refresh_from_db()
    assert (resource.title, resource.kind, resource.licence, resource.visibility) == (
        "Grille revue",
        "pratique",
        "reserved",
        "public",
    )


def test_the_summary_shows_its_formatting_and_never_runs_script(client_for, network):
    resource = rf.resource(network.adviser, summary="**Gras** <script>alert(1)</script> <img src=x onerror=alert(1)>")
    html = client_for("other_adviser").get(resource.get_absolute_url()).content.decode()
    assert "<strong>Gras</strong>" in html
    assert "alert(1)" not in html and "onerror" not in html
