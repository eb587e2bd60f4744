"""« Mes données »: a ZIP of CSV and JSON of everything the portal holds about the person, and nobody else's."""

import csv
import io
import json
import os
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spro_portal import composition
from spro_portal.digest.models import DigestDelivery, Frequency, Preference
from spro_portal.privacy.models import DataExport
from spro_portal.privacy.retention import personal_data_purge
from tests.indicators.helpers import in_discussion
from tests.practices import factories as forum
from tests.practices import resource_factories as library
from tests.utils import LOGIN, PERSONAS, assert_access, persona_row, text

pytestmark = pytest.mark.usefixtures("media_root")

PAGE = persona_row(200)


@pytest.fixture
def shared_work(network):
    """The adviser and the referent share a structure (CIO de Rennes) and a topic; each leaves words of their own."""
    from indicators.services import proposals as proposal_services

    network.adviser.first_name, network.adviser.last_name = "Aline", "Conseillère"
    network.adviser.save()
    network.referent.first_name, network.referent.last_name = "Rémi", "Référent"
    network.referent.save()
    question = forum.topic(network.referent, title="Stage de troisième", body="QUESTION-DU-REFERENT")
    forum.reply(question, network.adviser, body="REPONSE-DE-LA-CONSEILLERE")
    tool = library.resource(network.adviser, title="Grille de la conseillère", url="https://exemple.fr/g", file=None)
    library.story(tool, network.referent, context="RECIT-DU-REFERENT")
    proposal = in_discussion(network.regional_coordinator, network.regional_coordinator, name="Taux de suivi")
    for person, reason in [(network.adviser, "RESERVE-DE-LA-CONSEILLERE"), (network.referent, "RESERVE-DU-REFERENT")]:
        proposal_services.position_take(
            proposal=proposal, user=person, structure=network.structure, kind="reservation", reason=reason
        )
    Preference.objects.create(user=network.adviser, digest=Frequency.WEEKLY)
    DigestDelivery.objects.create(user=network.adviser, period="2026-11", status=DigestDelivery.Status.SENT)
    DigestDelivery.objects.create(user=network.referent, period="2026-10", status=DigestDelivery.Status.SENT)
    return network


def _export(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/mes-donnees/demander/")
    assert response.status_code == 302
    return DataExport.objects.latest("pk")


def _archive(client, export):
    response = client.get(f"/compte/mes-donnees/{export.pk}/telecharger/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _everything(archive):
    return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_data_page_access(client_for, persona):
    assert_access(client_for(persona), "/compte/mes-donnees/", PAGE[persona])


@pytest.mark.parametrize(
    ("persona", "mine", "theirs"),
    [
        (
            "adviser",
            ["REPONSE-DE-LA-CONSEILLERE", "Grille de la conseillère", "RESERVE-DE-LA-CONSEILLERE", "2026-11"],
            ["QUESTION-DU-REFERENT", "RECIT-DU-REFERENT", "RESERVE-DU-REFERENT", "2026-10", "Rémi", "referente@"],
        ),
        (
            "referent",
            ["QUESTION-DU-REFERENT", "RECIT-DU-REFERENT", "RESERVE-DU-REFERENT", "2026-10", "referente@cio-rennes.fr"],
            ["REPONSE-DE-LA-CONSEILLERE", "RESERVE-DE-LA-CONSEILLERE", "2026-11", "Aline", "conseiller@"],
        ),
    ],
)
def test_each_export_holds_the_persons_data_and_nobody_elses(
    shared_work, client_for, django_capture_on_commit_callbacks, persona, mine, theirs
):
    client = client_for(persona)
    export = _export(client, django_capture_on_commit_callbacks)
    assert export.user == getattr(shared_work, persona) and export.is_ready
    everything = _everything(_archive(client, export))
    for word in mine:
        assert word in everything, word
    for word in theirs:
        assert word not in everything, word


def test_archive_has_a_csv_per_table_and_the_same_tables_in_json(
    shared_work, client, django_capture_on_commit_callbacks
):
    client.force_login(shared_work.adviser)
    archive = _archive(client, _export(client, django_capture_on_commit_callbacks))
    names = set(archive.namelist())
    for table in [
        "profil",
        "adhesions",
        "forum_sujets",
        "forum_messages",
        "ressources",
        "recits_de_reutilisation",
        "indicateurs_positions",
        "preferences_e_mails",
        "resumes_envoyes",
        "connexions",
    ]:
        assert f"{table}.csv" in names, table
    data = json.loads(archive.read("donnees.json"))
    assert {f"{name}.csv" for name in data} == names - {"donnees.json", "LISEZ-MOI.txt"}
    messages = list(csv.DictReader(io.StringIO(archive.read("forum_messages.csv").decode("utf-8-sig")), delimiter=";"))
    assert [row["texte"] for row in messages] == ["REPONSE-DE-LA-CONSEILLERE"]
    assert data["forum_messages"]["lignes"][0]["sujet"] == "Stage de troisième"
    assert data["profil"]["lignes"][0]["adresse_e_mail"] == "conseiller@cio-rennes.fr"
    assert data["preferences_e_mails"]["lignes"][0]["valeur"] == "Chaque semaine (le lundi, à 7 h)"
    assert data["adhesions"]["lignes"][0]["structure"] == "CIO de Rennes"


def test_the_person_is_told_by_e_mail_with_a_link_not_the_file(shared_work, client, django_capture_on_commit_callbacks):
    client.force_login(shared_work.adviser)
    _export(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["conseiller@cio-rennes.fr"]
    assert "Vos données sont prêtes" in message.subject
    assert "http://127.0.0.1:8000/compte/mes-donnees/" in message.body
    assert not message.attachments
    page = text(client.get("/compte/mes-donnees/"))
    assert "Télécharger l'archive" in page and "Prête" in page


def test_nobody_else_downloads_an_archive(shared_work, client_for, django_capture_on_commit_callbacks):
    export = _export(client_for("adviser"), django_capture_on_commit_callbacks)
    url = f"/compte/mes-donnees/{export.pk}/telecharger/"
    for persona in ["referent", "other_adviser", "regional_coordinator", "staff"]:
        assert_access(client_for(persona), url, 404)
    assert_access(client_for("anonymous"), url, LOGIN)


def test_an_archive_not_ready_is_not_downloadable(network, client):
    export = DataExport.objects.create(user=network.adviser)
    client.force_login(network.adviser)
    assert client.get(f"/compte/mes-donnees/{export.pk}/telecharger/").status_code == 404


@pytest.mark.parametrize("pk", ["99999999", "9999999999999999999"])
def test_unknown_archive_is_not_found(client, network, pk):
    client.force_login(network.adviser)
    assert client.get(f"/compte/mes-donnees/{pk}/telecharger/").status_code == 404


def test_asking_needs_post(client, network):
    client.force_login(network.adviser)
    assert client.get("/compte/mes-donnees/demander/").status_code == 405


def test_an_archive_in_preparation_is_not_asked_twice(client, network):
    client.force_login(network.adviser)
    client.post("/compte/mes-donnees/demander/")  # the test transaction never commits: the task is not run
    client.post("/compte/mes-donnees/demander/")
    assert DataExport.objects.filter(user=network.adviser).count() == 1
    assert "en préparation" in text(client.get("/compte/mes-donnees/"))


def test_a_failed_build_lets_the_person_ask_again(client, network, monkeypatch, django_capture_on_commit_callbacks):
    from spro_portal.privacy import exports

    def broken(person):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(exports, "build_archive", broken)
    client.force_login(network.adviser)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/mes-donnees/demander/")
    assert DataExport.objects.get(user=network.adviser).has_failed
    monkeypatch.undo()
    _export(client, django_capture_on_commit_callbacks)
    assert DataExport.objects.filter(user=network.adviser, status=DataExport.Status.READY).count() == 1


def test_building_the_data_costs_the_same_queries_for_1_and_50_rows(shared_work):
    person = shared_work.adviser
    with CaptureQueriesContext(connection) as one:
        composition.personal_data(person)
    question = forum.topic(shared_work.referent, title="Un autre sujet")
    for number in range(49):
        forum.reply(question, person, body=f"Réponse {number}")
        library.resource(person, title=f"Ressource {number}", url="https://exemple.fr/r", file=None)
    with CaptureQueriesContext(connection) as fifty:
        tables = composition.personal_data(person)
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert len(next(table for table in tables if table.name == "forum_messages").rows) == 50


def test_my_data_page_costs_the_same_queries_for_1_and_10_archives(client, network, assert_same_query_count):
    client.force_login(network.adviser)
    DataExport.objects.create(user=network.adviser, status=DataExport.Status.FAILED)

    def add_rows():
        DataExport.objects.bulk_create([DataExport(user=network.adviser, status="failed") for _ in range(49)])

    assert_same_query_count(client, "/compte/mes-donnees/", add_rows)


def test_old_archives_are_purged_with_their_file(shared_work, client, django_capture_on_commit_callbacks, settings):
    client.force_login(shared_work.adviser)
    export = _export(client, django_capture_on_commit_callbacks)
    path = export.file.path
    DataExport.objects.filter(pk=export.pk).update(
        created_at=timezone.now() - timedelta(days=settings.RETENTION_DAYS["personal_data_exports"] + 1)
    )
    counts = {row.kind: row.count for row in personal_data_purge()}
    assert counts["personal_data_exports"] == 1
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not os.path.exists(path)


def test_profile_page_links_my_data(client, network):
    client.force_login(network.adviser)
    assert 'href="/compte/mes-donnees/"' in text(client.get("/compte/profil/"))
