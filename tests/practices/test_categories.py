"""Coordinators create and adapt the forum's categories; a renamed category keeps its address."""

from practices.models import Category
from tests.utils import text


def test_a_coordinator_creates_a_category_that_appears_on_the_index(client_for, network):
    client = client_for("regional_coordinator")
    response = client.post(
        "/communaute/nouvelle-categorie/",
        {
            "name": "Égalité filles-garçons",
            "kind": "theme",
            "description": "Orienter sans stéréotypes.",
            "position": "20",
        },
    )
    category = Category.objects.get(name="Égalité filles-garçons")
    assert response["Location"] == "/communaute/categories/egalite-filles-garcons/"
    assert "Égalité filles-garçons" in text(client_for("adviser").get("/communaute/"))
    assert category.position == 20


def test_two_categories_with_the_same_name_get_distinct_addresses(client_for, network):
    client = client_for("territorial_coordinator")
    for _ in range(2):
        client.post("/communaute/nouvelle-categorie/", {"name": "Mobilité", "kind": "theme", "position": "0"})
    assert set(Category.objects.filter(name="Mobilité").values_list("slug", flat=True)) == {"mobilite", "mobilite-2"}


def test_renaming_keeps_the_address(client_for, network):
    client_for("regional_coordinator").post(
        "/communaute/categories/veille/modifier/",
        {"name": "Veille et réformes", "kind": "theme", "description": "", "position": "3"},
    )
    category = Category.objects.get(slug="veille")
    assert (category.name, category.position) == ("Veille et réformes", 3)


def test_bad_category_input_is_said_in_french(client_for, network):
    response = client_for("regional_coordinator").post(
        "/communaute/nouvelle-categorie/", {"name": "", "kind": "autre", "position": "-1", "mission": "999999"}
    )
    html = text(response)
    assert response.status_code == 200
    for message in [
        "Donnez un nom à la catégorie.",
        "Choisissez mission ou thème.",
        "La position est un nombre positif.",
    ]:
        assert message in html
    assert "Cette mission n'existe pas" in html


def test_only_coordinators_see_the_management_buttons(client_for, network):
    assert "Nouvelle catégorie" not in text(client_for("referent").get("/communaute/"))
    assert "Nouvelle catégorie" in text(client_for("regional_coordinator").get("/communaute/"))
    assert "Modifier la catégorie" in text(client_for("territorial_coordinator").get("/communaute/categories/accueil/"))
