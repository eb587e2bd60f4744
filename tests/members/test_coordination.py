"""The coordinators' review queue, overview per territory and CSV exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from members.models import CommitmentSet, ReviewCycle, Structure
from members.services import ServiceError
from members.services import reviews as review_services
from tests.factories import (
    CharterSignatureFactory,
    CommitmentSetFactory,
    ReviewCycleFactory,
    StructureFactory,
    TerritoryFactory,
    published_charter,
    submitted_set,
)
from tests.utils import assert_access, assert_matrix_complete, matrix_cases, persona_row, text


@pytest.fixture
def reviews(network):
    """Cycle 2026 with a 3-item charter; both structures of the network have submitted their commitments."""
    cycle = ReviewCycleFactory(year=2026, due_on=timezone.localdate() + timedelta(days=30))
    version = published_charter(3, code="E")
    rennes = submitted_set(network.structure, cycle=cycle, version=version, by=network.referent, days_ago=5)
    brest = submitted_set(network.other_structure, cycle=cycle, version=version, by=network.other_referent)
    return type("Reviews", (), {"cycle": cycle, "version": version, "rennes": rennes, "brest": brest})


def coordinators_only(**overrides):
    return persona_row(403, **{"territorial_coordinator": 200, "regional_coordinator": 200, **overrides})


MATRIX = {
    "/coordination/": coordinators_only(),
    "/coordination/revues/{rennes}/": coordinators_only(),
    "/coordination/revues/{brest}/": coordinators_only(territorial_coordinator=404),
    "/coordination/vue-d-ensemble/": coordinators_only(),
    "/coordination/vue-d-ensemble/export.csv": coordinators_only(),
    "/coordination/structures.csv": coordinators_only(),
}


def test_matrix_covers_every_persona():
    assert_matrix_complete(MATRIX)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_coordination_permission_matrix(client_for, reviews, page, persona, expected):
    assert_access(
        client_for(persona),
        page.format(rennes=reviews.rennes.pk, brest=reviews.brest.pk),
        expected,
        says={403: "réservée aux coordinateur·rices", 404: "Page introuvable"},
    )


# Review queue


def test_territorial_coordinator_sees_only_the_sets_of_their_territory(client_for, reviews):
    html = text(client_for("territorial_coordinator").get("/coordination/"))
    assert "CIO de Rennes" in html
    assert f"/coordination/revues/{reviews.rennes.pk}/" in html
    assert "Mission locale du Pays de Brest" not in html
    assert "en attente depuis 5 jours" in html


def test_regional_coordinator_sees_every_set_oldest_first(client_for, reviews):
    html = text(client_for("regional_coordinator").get("/coordination/"))
    assert html.index("CIO de Rennes") < html.index("Mission locale du Pays de Brest")
    assert "en attente depuis aujourd'hui" in html


def test_queue_shows_only_submitted_sets_by_default_and_all_on_request(client_for, network, reviews):
    draft = CommitmentSetFactory(
        structure=StructureFactory(name="CIO de Vitré", territory=network.territory),
        cycle=reviews.cycle,
        charter_version=reviews.version,
    )
    client = client_for("territorial_coordinator")
    assert "CIO de Vitré" not in text(client.get("/coordination/"))
    html = text(client.get("/coordination/", {"status": ""}))
    assert "CIO de Vitré" in html and "Pas encore déposé" in html
    assert f"/coordination/revues/{draft.pk}/" in html


def test_queue_summary_counts_sets_by_status_in_scope(client_for, network, reviews):
    CommitmentSetFactory(
        structure=StructureFactory(territory=network.territory),
        cycle=reviews.cycle,
        charter_version=reviews.version,
        status=CommitmentSet.Status.APPROVED,
    )
    response = client_for("territorial_coordinator").get("/coordination/")
    summary = dict((status, count) for status, _, count in response.context["summary"])
    assert summary == {"draft": 0, "submitted": 1, "changes_requested": 0, "approved": 1}


def test_queue_defaults_to_the_current_cycle(client_for, network, reviews):
    older = ReviewCycleFactory(year=2025)
    submitted_set(
        StructureFactory(name="CIO de Fougères", territory=network.territory), cycle=older, version=reviews.version
    )
    client = client_for("territorial_coordinator")
    assert "CIO de Fougères" not in text(client.get("/coordination/"))
    assert "CIO de Fougères" in text(client.get("/coordination/", {"cycle": older.pk}))
    assert "CIO de Fougères" in text(client.get("/coordination/", {"cycle": ""}))


def test_queue_filters_by_territory_and_structure_type(client_for, network, reviews):
    client = client_for("regional_coordinator")
    html = text(client.get("/coordination/", {"territory": network.other_territory.pk}))
    assert "Mission locale du Pays de Brest" in html and "CIO de Rennes" not in html
    html = text(client.get("/coordination/", {"structure_type": Structure.Type.CIO}))
    assert "CIO de Rennes" in html and "Mission locale du Pays de Brest" not in html


def test_a_territory_outside_the_scope_is_refused_as_a_filter_and_reveals_nothing(client_for, network, reviews):
    response = client_for("territorial_coordinator").get("/coordination/", {"territory": network.other_territory.pk})
    assert response.status_code == 200
    html = text(response)
    assert "n'est pas dans votre périmètre" in html
    assert "Mission locale du Pays de Brest" not in html
    assert "Pays de Brest" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"status": "nimporte"},
        {"cycle": "abc"},
        {"cycle": "999999"},
        {"territory": "x"},
        {"structure_type": "boulangerie"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
    ],
)
def test_bad_queue_parameters_are_ignored_with_a_french_message(client_for, reviews, params):
    response = client_for("territorial_coordinator").get("/coordination/", params)
    assert response.status_code == 200
    html = text(response)
    assert "CIO de Rennes" in html
    if "page" not in params:
        assert "n'ont pas été compris" in html


def test_queue_is_paginated_by_25(client_for, network, reviews):
    version = reviews.version
    for number in range(30):
        submitted_set(
            StructureFactory(name=f"Structure {number:02d}", territory=network.territory),
            cycle=reviews.cycle,
            version=version,
        )
    client = client_for("territorial_coordinator")
    first = client.get("/coordination/")
    assert len(first.context["rows"]) == 25
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in text(first)
    assert 'rel="next"' in text(first)
    second = client.get("/coordination/", {"page": 2})
    assert len(second.context["rows"]) == 6


def _many_submitted_sets(network, cycle, version, count):
    start = Structure.objects.count()
    for number in range(start, start + count):
        submitted_set(
            StructureFactory(name=f"Structure {number:02d}", territory=network.territory),
            cycle=cycle,
            version=version,
            items=1,
        )


def test_queue_query_count_is_the_same_for_1_and_50_sets(client_for, network, assert_same_query_count):
    cycle = ReviewCycleFactory(year=2026)
    version = published_charter(1, code="E")
    _many_submitted_sets(network, cycle, version, 1)
    response = assert_same_query_count(
        client_for("territorial_coordinator"),
        "/coordination/",
        lambda: _many_submitted_sets(network, cycle, version, 49),
    )
    assert response.context["page"].paginator.count == 50


# Overview


def test_overview_counts_per_territory_with_a_total(client_for, network, reviews):
    CharterSignatureFactory(structure=network.structure, version=reviews.version)
    candidate = StructureFactory(
        name="CIO de Redon", territory=network.territory, label_status=Structure.LabelStatus.CANDIDATE
    )
    CommitmentSetFactory(structure=candidate, cycle=reviews.cycle, charter_version=reviews.version)
    response = client_for("regional_coordinator").get("/coordination/vue-d-ensemble/")
    assert response.status_code == 200
    rows = {row.name: row for row in response.context["rows"]}
    rennes = rows["Pays de Rennes"]
    assert (rennes.structure_count, rennes.labelled, rennes.signed) == (2, 1, 1)
    assert (rennes.submitted, rennes.awaiting_review, rennes.overdue) == (1, 1, 0)
    brest = rows["Pays de Brest"]
    assert (brest.structure_count, brest.labelled, brest.signed, brest.submitted) == (1, 1, 0, 1)
    total = response.context["total"]
    assert (total.structure_count, total.labelled, total.signed, total.submitted) == (3, 2, 1, 2)
    html = text(response)
    assert "<caption" in html and "Engagements déposés" in html


def test_overview_counts_structures_without_submission_as_overdue_once_the_date_is_passed(client_for, network, reviews):
    reviews.cycle.due_on = timezone.localdate() - timedelta(days=1)
    reviews.cycle.save()
    StructureFactory(territory=network.territory)  # no set at all
    CommitmentSetFactory(
        structure=StructureFactory(territory=network.territory), cycle=reviews.cycle, charter_version=reviews.version
    )  # a draft
    StructureFactory(territory=network.territory, label_status=Structure.LabelStatus.WITHDRAWN)
    response = client_for("territorial_coordinator").get("/coordination/vue-d-ensemble/")
    (rennes,) = response.context["rows"]
    assert rennes.structure_count == 4
    assert rennes.overdue == 2
    assert "la date limite est passée" in text(response)


def test_territorial_overview_shows_only_their_territory(client_for, reviews):
    response = client_for("territorial_coordinator").get("/coordination/vue-d-ensemble/")
    assert [row.name for row in response.context["rows"]] == ["Pays de Rennes"]
    assert "Pays de Brest" not in text(response)


def test_overview_cycle_is_chosen_in_the_url(client_for, network, reviews):
    older = ReviewCycleFactory(year=2025, due_on=date(2025, 12, 31))
    client = client_for("territorial_coordinator")
    assert client.get("/coordination/vue-d-ensemble/").context["cycle"] == reviews.cycle
    response = client.get("/coordination/vue-d-ensemble/", {"cycle": older.pk})
    assert response.context["cycle"] == older
    (rennes,) = response.context["rows"]
    assert rennes.submitted == 0 and rennes.overdue == 1


@pytest.mark.parametrize("cycle", ["abc", "999999"])
def test_bad_overview_cycle_falls_back_to_the_latest_with_a_message(client_for, reviews, cycle):
    response = client_for("territorial_coordinator").get("/coordination/vue-d-ensemble/", {"cycle": cycle})
    assert response.status_code == 200
    assert response.context["cycle"] == reviews.cycle
    assert "le cycle en cours est affiché" in text(response) or "Sélectionnez un choix valide" in text(response)


def test_overview_without_any_cycle_or_charter_still_works(client_for, network):
    response = client_for("regional_coordinator").get("/coordination/vue-d-ensemble/")
    assert response.status_code == 200
    assert "Aucun cycle de revue" in text(response)
    assert response.context["total"].structure_count == 2


def _many_structures(count, territory_count, cycle, version):
    start = Structure.objects.count()
    for number in range(start, start + count):
        territory = TerritoryFactory(name=f"Territoire {number % territory_count:02d}")
        structure = StructureFactory(name=f"Structure {number:02d}", territory=territory)
        CharterSignatureFactory(structure=structure, version=version)
        submitted_set(structure, cycle=cycle, version=version, items=1)


@pytest.mark.parametrize(
    "url",
    ["/coordination/vue-d-ensemble/", "/coordination/vue-d-ensemble/export.csv", "/coordination/structures.csv"],
)
def test_overview_and_exports_query_count_is_the_same_for_1_and_50_structures(
    client_for, network, assert_same_query_count, url
):
    cycle = ReviewCycleFactory(year=2026)
    version = published_charter(1, code="E")
    _many_structures(1, 1, cycle, version)
    response = assert_same_query_count(
        client_for("regional_coordinator"), url, lambda: _many_structures(49, 10, cycle, version)
    )
    if url.endswith("/"):
        assert response.context["total"].structure_count == 52
        assert len(response.context["rows"]) == 12
    elif url.endswith("structures.csv"):
        assert len(_read_csv(response)) == 1 + 52


# CSV exports


def _read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_overview_export_is_a_french_csv_per_territory(client_for, network, reviews):
    response = client_for("regional_coordinator").get("/coordination/vue-d-ensemble/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="spro-vue-d-ensemble-cycle-2026-{today:%Y-%m-%d}.csv"'
    )
    header, *rows = _read_csv(response)
    assert header[0] == "Territoire" and "En attente de revue" in header
    assert header[4] == "Engagements déposés (cycle 2026)"
    assert [row[0] for row in rows] == ["Pays de Brest", "Pays de Rennes", "Total"]
    assert rows[-1][1:] == ["2", "2", "0", "2", "2", "0"]


def test_structures_export_lists_only_structures_in_scope_with_french_values(client_for, network, reviews):
    CharterSignatureFactory(structure=network.structure, version=reviews.version)
    response = client_for("territorial_coordinator").get("/coordination/structures.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="spro-structures-cycle-2026-')
    header, *rows = _read_csv(response)
    assert header[:6] == ["Structure", "Type", "Territoire", "Commune", "Labellisation", "Charte en vigueur signée"]
    assert rows == [
        [
            "CIO de Rennes",
            "CIO",
            "Pays de Rennes",
            "Rennes",
            "Labellisée",
            "oui",
            "Déposés, en attente de revue",
            timezone.localtime(reviews.rennes.submitted_at).strftime("%d/%m/%Y"),
            "",
            "",
        ]
    ]


def test_structures_export_says_when_nothing_was_written(client_for, network, reviews):
    StructureFactory(name="CIO de Vitré", territory=network.territory, commune="Vitré")
    rows = _read_csv(client_for("territorial_coordinator").get("/coordination/structures.csv"))[1:]
    vitre = next(row for row in rows if row[0] == "CIO de Vitré")
    assert vitre[5:8] == ["non", "Aucun engagement saisi", ""]


# Review cycles: listed for coordinators, opened by the regional ones


CYCLES_URL = "/coordination/cycles/"
OPEN_CYCLE = persona_row(403, regional_coordinator=302)


def cycle_data(year=2027, opens_on="2027-01-15", due_on="2027-06-30"):
    return {"year": str(year), "opens_on": opens_on, "due_on": due_on}


def test_cycle_matrices_cover_every_persona():
    assert_matrix_complete({"list": coordinators_only(), "open": OPEN_CYCLE})


@pytest.mark.parametrize("persona", list(coordinators_only()))
def test_cycles_are_listed_for_coordinators(client_for, network, persona):
    assert_access(client_for(persona), CYCLES_URL, coordinators_only()[persona])


@pytest.mark.parametrize("persona", list(OPEN_CYCLE))
def test_only_regional_coordinators_open_a_cycle(client_for, network, persona):
    assert_access(client_for(persona), CYCLES_URL, OPEN_CYCLE[persona], "post", cycle_data())
    assert ReviewCycle.objects.filter(year=2027).count() == (1 if persona == "regional_coordinator" else 0)


def test_a_regional_coordinator_opens_a_cycle_from_the_coordination(client_for, network):
    client = client_for("regional_coordinator")
    html = text(client.get(CYCLES_URL))
    assert "Ouvrir un cycle" in html and 'type="date"' in html
    html = text(client.post(CYCLES_URL, cycle_data(), follow=True))
    assert "Le Cycle 2027 est ouvert : à partir du 15 janvier 2027" in html
    cycle = ReviewCycle.objects.get(year=2027)
    assert (cycle.opens_on, cycle.due_on) == (date(2027, 1, 15), date(2027, 6, 30))


def test_a_territorial_coordinator_reads_the_cycles_without_the_form(client_for, reviews):
    html = text(client_for("territorial_coordinator").get(CYCLES_URL))
    assert "Cycle 2026" in html
    assert "Ouvrir un cycle" not in html and "ouverts par la coordination régionale" in html


def test_the_cycles_page_counts_the_sets_in_scope(client_for, reviews):
    html = text(client_for("territorial_coordinator").get(CYCLES_URL))
    row = html[html.index("Cycle 2026") : html.index("</tr>", html.index("Cycle 2026"))]
    numbers = [cell.split("<")[0] for cell in row.split('<td class="number">')[1:]]
    assert numbers[:2] == ["1", "0"]  # Rennes only (Brest is outside the territorial scope), submitted
    assert 'status=submitted">1<' in row


def test_the_coordination_menu_links_to_the_cycles(client_for, network):
    html = text(client_for("territorial_coordinator").get("/coordination/"))
    assert f'href="{CYCLES_URL}"' in html and "Cycles de revue" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (cycle_data(year=2026), "Un cycle de revue existe déjà pour l'année 2026."),
        (cycle_data(due_on="2027-01-15"), "La date limite de dépôt doit être postérieure à la date d'ouverture."),
        (cycle_data(due_on="2026-12-01"), "La date limite de dépôt doit être postérieure à la date d'ouverture."),
        (cycle_data(opens_on="pas une date"), "Saisissez une date valide."),
        (cycle_data(year="deux mille"), "Saisissez un nombre entier."),
        (cycle_data(year=1850), "Saisissez une année entre 2000 et 2100."),
        ({"year": "2027"}, "Ce champ est obligatoire."),
    ],
)
def test_bad_cycle_input_is_refused_in_french_and_kept(client_for, network, data, message):
    ReviewCycleFactory(year=2026)
    response = client_for("regional_coordinator").post(CYCLES_URL, data)
    assert response.status_code == 200
    html = text(response)
    assert message in html
    assert "Le formulaire contient" in html and 'id="erreurs"' in html
    assert f'value="{data["year"]}"' in html
    assert ReviewCycle.objects.count() == 1


def test_the_open_cycle_service_refuses_a_taken_year(network):
    ReviewCycleFactory(year=2026)
    with pytest.raises(ServiceError, match="existe déjà pour l'année 2026"):
        review_services.review_cycle_open(year=2026, opens_on=date(2026, 1, 1), due_on=date(2026, 6, 1))


def test_cycles_page_query_count_is_the_same_for_1_and_50_cycles(client_for, network, assert_same_query_count):
    version = published_charter(2, code="E")
    CommitmentSetFactory(structure=network.structure, cycle=ReviewCycleFactory(year=2000), charter_version=version)

    def add_cycles():
        for year in range(2001, 2050):
            cycle = ReviewCycleFactory(year=year)
            CommitmentSetFactory(structure=network.structure, cycle=cycle, charter_version=version)

    response = assert_same_query_count(client_for("regional_coordinator"), CYCLES_URL, add_cycles, warm=True)
    assert text(response).count("<tr>") == 26  # header and 25 cycles a page


# One current cycle, everywhere


def test_a_cycle_opened_in_advance_does_not_become_the_current_one(client_for, reviews, network):
    ReviewCycleFactory(year=2027, opens_on=timezone.localdate() + timedelta(days=40))
    assert ReviewCycle.objects.current() == reviews.cycle
    queue = text(client_for("regional_coordinator").get("/coordination/"))
    assert "CIO de Rennes" in queue  # the queue still shows the current cycle's submissions
    overview = text(client_for("regional_coordinator").get("/coordination/vue-d-ensemble/"))
    assert "cycle 2026" in overview
