"""The library's writes: sharing a file or a link, versions kept with their note, edits, withdrawal, reuse stories
and the e-mail to the author after the commit, downloads counted in one UPDATE."""

import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from practices.models import Resource, ResourceVersion, ReuseStory, Visibility
from practices.services import ServiceError
from practices.services import resources as services
from tests.utils import text

from . import resource_factories as rf
from .resource_factories import PDF_BYTES, upload

pytestmark = pytest.mark.usefixtures("media_root")


def test_a_resource_is_a_file_or_a_link_never_both_nor_neither(network):
    with pytest.raises(ServiceError, match="pas les deux"):
        rf.resource(network.adviser, file=upload(), url="https://exemple.fr")
    with pytest.raises(ServiceError, match="Joignez un fichier ou donnez le lien"):
        services.resource_create(
            author=network.adviser, structure=None, title="T", summary="S", kind="outil", licence="cc-by"
        )
    link = rf.resource(network.adviser, url="https://exemple.fr/outil")
    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=link.pk).update(url="")  # the database itself refuses a resource with nothing


def test_the_summary_is_rendered_once_and_sanitised(network):
    resource = rf.resource(network.adviser, summary="**Utile** <script>alert(1)</script>")
    assert "<strong>Utile</strong>" in resource.summary_html
    assert "<script" not in resource.summary_html


def test_a_new_version_keeps_the_previous_ones_downloadable(client_for, network):
    resource = rf.resource(network.adviser)
    second = services.resource_add_version(
        resource=resource,
        upload=upload("grille-v2.pdf", PDF_BYTES + b"% v2\n"),
        note="Ajout d'une grille pour les entretiens de groupe.",
        added_by=network.adviser,
    )
    assert second.number == 2
    resource.refresh_from_db()
    assert resource.current_version == second
    page = text(client_for("other_adviser").get(resource.get_absolute_url()))
    assert "Version 1 — grille-entretien.pdf" in page and "Version 2 — grille-v2.pdf" in page
    assert "Ajout d'une grille pour les entretiens de groupe." in page
    first = ResourceVersion.objects.get(resource=resource, number=1)
    response = client_for("other_adviser").get(f"/ressources/fichiers/{first.pk}/")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_new_version_needs_a_note(network):
    resource = rf.resource(network.adviser)
    with pytest.raises(ServiceError, match="ce qui a changé"):
        services.resource_add_version(resource=resource, upload=upload(), note=" ", added_by=network.adviser)


def test_withdrawing_keeps_the_row_the_files_and_the_stories(network, client_for):
    resource = rf.resource(network.adviser)
    rf.story(resource, network.other_adviser)
    response = client_for("adviser").post(f"/ressources/{resource.pk}/retirer/", follow=True)
    assert "est retirée de la bibliothèque" in text(response)
    resource.refresh_from_db()
    assert resource.is_withdrawn and resource.withdrawn_by == network.adviser
    assert resource.versions.count() == 1 and resource.reuse_stories.count() == 1


def test_sharing_through_the_page_with_a_licence_and_co_authors(client_for, network, settings):
    response = client_for("adviser").post(
        "/ressources/partager/",
        {
            "title": "Trame d'atelier CV",
            "summary": "Trois séances.",
            "kind": "modele",
            "licence": "cc-by-sa",
            "visibility": "network",
            "co_authors": [network.other_structure.pk],
            "file": upload("trame.pdf"),
        },
        follow=True,
    )
    page = text(response)
    assert "Votre ressource est partagée" in page
    resource = Resource.objects.get()
    assert resource.licence == "cc-by-sa" and list(resource.co_authors.all()) == [network.other_structure]
    assert "CC BY-SA 4.0" in page and "partage ses adaptations sous la même licence" in page
    name = network.adviser.get_full_name()
    assert (
        f"« Trame d'atelier CV », {name} (CIO de Rennes, avec Mission locale du Pays de Brest), licence CC BY-SA 4.0, "
        f"Portail du SPRO, " in page
    )
    assert f"{settings.SITE_URL}/ressources/{resource.pk}/" in page


def test_derived_from_is_shown_on_both_pages(client_for, network):
    origin = rf.resource(network.adviser)
    derived = rf.resource(network.other_adviser, title="Grille pour les 16-18 ans", derived_from=origin)
    client = client_for("referent")
    assert "Adaptée de" in text(client.get(derived.get_absolute_url()))
    page = text(client.get(origin.get_absolute_url()))
    assert "Adaptée par d'autres en" in page and "Grille pour les 16-18 ans" in page


def test_a_group_resource_needs_its_group(network):
    with pytest.raises(ServiceError, match="Choisissez le groupe"):
        rf.resource(network.adviser, visibility=Visibility.GROUP)


def test_a_reuse_story_tells_the_author_by_e_mail_after_the_commit(network, django_capture_on_commit_callbacks):
    resource = rf.resource(network.adviser)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rf.story(resource, network.other_adviser)
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 2  # the e-mail, and the lists' « library-counts » renewed
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [network.adviser.email]
    assert "Mission locale du Pays de Brest a réutilisé « Grille d'entretien de premier accueil »" in message.subject
    assert "Questions simplifiées." in message.body
    assert f"/ressources/{resource.pk}/#reutilisations" in message.body
    resource.refresh_from_db()
    assert resource.reuse_count == 1


def test_the_author_telling_their_own_reuse_gets_no_e_mail(network, django_capture_on_commit_callbacks):
    resource = rf.resource(network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        rf.story(resource, network.adviser)
    assert mail.outbox == []


def test_a_reuse_story_through_the_page(client_for, network, django_capture_on_commit_callbacks):
    resource = rf.resource(network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("other_adviser").post(
            f"/ressources/{resource.pk}/reutilisations/",
            {"context": "Ateliers collectifs.", "adaptations": "Deux questions en moins.", "outcome": ""},
            follow=True,
        )
    page = text(response)
    assert "votre récit est publié" in page and "Deux questions en moins." in page
    assert "Réutilisations racontées (1)" in page
    assert len(mail.outbox) == 1


def test_a_download_is_one_update_with_no_read(network):
    version = rf.resource(network.adviser).current_version
    with CaptureQueriesContext(connection) as queries:
        services.download_record(version=version)
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert sql.startswith("UPDATE") and '"download_count" + 1' in sql


def test_two_downloads_of_stale_pages_count_two(network):
    """Both requests loaded the resource (count 0) before either counted: read-modify-write would give 1."""
    version = rf.resource(network.adviser).current_version
    first, second = (ResourceVersion.objects.select_related("resource").get(pk=version.pk) for _ in range(2))
    services.download_record(version=first)
    services.download_record(version=second)
    assert Resource.objects.get(pk=version.resource_id).download_count == 2


@pytest.mark.django_db(transaction=True)
def test_two_downloads_at_once_count_two(network, settings):
    version = rf.resource(network.adviser).current_version
    barrier = threading.Barrier(2)
    statuses = []
    # Logged in one after the other: what runs at once is the two downloads (two logins writing their sessions at
    # once lock SQLite's shared in-memory tables, which is not what this test is about).
    clients = []
    for _ in range(2):
        clients.append(Client())
        clients[-1].force_login(network.other_adviser)

    def download(client):
        barrier.wait()
        response = client.get(f"/ressources/fichiers/{version.pk}/")
        b"".join(response.streaming_content)
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=download, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200, 200]
    assert Resource.objects.get(pk=version.resource_id).download_count == 2
    assert ReuseStory.objects.count() == 0
