"""The technical team's admin: every model is there, history rows and published charters are read-only."""

import html as html_module

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from members.models import (
    Audience,
    CharterVersion,
    CommitmentItemReview,
    CommitmentReview,
    Mission,
    Structure,
)
from tests.factories import (
    CharterSignatureFactory,
    CharterVersionFactory,
    EvidenceFactory,
    ExpertiseAreaFactory,
    InvitationFactory,
    JoinRequestFactory,
    LabelStatusChangeFactory,
    submitted_set,
)
from tests.indicators.helpers import one_of_each as indicators_one_of_each
from tests.practices.factories import one_of_each as forum_one_of_each
from tests.practices.resource_factories import one_of_each as resources_one_of_each

PROJECT_APPS = ["members", "practices", "indicators"]
PROJECT_MODELS = [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]
REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)
HISTORY_MODELS = [
    "LabelStatusChange",
    "CharterSignature",
    "CommitmentSubmission",
    "CommitmentReview",
    "CommitmentItemReview",
]
# Written by referents on their page (with the concurrent-edit check) and by the services; deleting a set or a
# commitment would also delete history.
WRITTEN_BY_SERVICES = ["CommitmentSet", "Commitment", "Evidence"]
NON_STAFF = ["adviser", "referent", "territorial_coordinator", "regional_coordinator"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(network, media_root):
    """At least one row of every model of the project's apps."""
    commitment_set = submitted_set(network.structure, by=network.referent)
    commitment = commitment_set.commitments.select_related("item").first()
    EvidenceFactory(commitment=commitment, added_by=network.referent)
    review = CommitmentReview.objects.create(
        submission=commitment_set.submissions.get(), reviewer=network.territorial_coordinator, decision="approved"
    )
    CommitmentItemReview.objects.create(review=review, item=commitment.item, decision="approved")
    CharterSignatureFactory(
        structure=network.structure, version=commitment_set.charter_version, signed_by=network.referent
    )
    LabelStatusChangeFactory(structure=network.structure, changed_by=network.regional_coordinator)
    network.adviser.expertise.add(ExpertiseAreaFactory(name="Orientation des adultes"))
    Mission.objects.get_or_create(code="accueil", defaults={"name": "Accueil"})
    Audience.objects.get_or_create(code="jeunes", defaults={"name": "Jeunes"})
    InvitationFactory(structure=network.structure, invited_by=network.referent)
    JoinRequestFactory(structure=network.structure)
    indicators_one_of_each(network)
    forum_one_of_each(network)
    resources_one_of_each(network)
    return network


def test_every_model_of_the_project_is_in_the_admin():
    missing = [model._meta.label for model in PROJECT_MODELS if not admin.site.is_registered(model)]
    assert missing == []


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _ in REGISTERED])
def test_staff_opens_every_changelist_and_the_add_page_where_adding_is_allowed(client_for, network, model, model_admin):
    client = client_for("staff")
    assert client.get(admin_url(model, "changelist")).status_code == 200
    request = RequestFactory().get("/")
    request.user = network.staff
    expected = 200 if model_admin.has_add_permission(request) else 403
    assert client.get(admin_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=[model._meta.label for model in PROJECT_MODELS])
def test_staff_opens_the_change_page_of_every_project_model(client_for, one_of_each, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} row to open"
    client = client_for("staff")
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200


@pytest.mark.parametrize("persona", NON_STAFF)
def test_non_staff_are_sent_to_the_admin_login(client_for, network, persona):
    for path in ["/admin/", admin_url(Structure, "changelist"), admin_url(Structure, "change", network.structure.pk)]:
        response = client_for(persona).get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("name", HISTORY_MODELS + WRITTEN_BY_SERVICES)
def test_history_and_commitments_are_neither_changed_nor_deleted_in_the_admin(client_for, one_of_each, name):
    model = apps.get_model("members", name)
    obj = model.objects.order_by("pk").first()
    client = client_for("staff")
    page = client.get(admin_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_submission_page_shows_the_snapshot(client_for, network):
    commitment_set = submitted_set(network.structure, texts={"E1": "Accueil <b>sans</b> rendez-vous."})
    submission = commitment_set.submissions.get()
    html = client_for("staff").get(admin_url(submission, "change", submission.pk)).content.decode()
    assert "E1 — Engagement numéro 1" in html
    assert "Accueil &lt;b&gt;sans&lt;/b&gt; rendez-vous." in html  # escaped, never run as markup


def test_staff_cannot_change_a_published_charter_version(client_for, network):
    version = CharterVersionFactory(title="Charte 2026")
    client = client_for("staff")
    page = client.get(admin_url(CharterVersion, "change", version.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(
        admin_url(CharterVersion, "change", version.pk),
        {"title": "Charte réécrite", "effective_date": "2026-01-01", "body": "Autre texte."},
    )
    assert response.status_code == 403
    assert client.post(admin_url(CharterVersion, "delete", version.pk), {"post": "yes"}).status_code == 403
    assert 'name="action"' not in client.get(admin_url(CharterVersion, "changelist")).content.decode()
    version.refresh_from_db()
    assert version.title == "Charte 2026"


def test_staff_can_still_edit_a_draft_charter_version(client_for, network):
    version = CharterVersionFactory(status=CharterVersion.Status.DRAFT, published_at=None)
    page = client_for("staff").get(admin_url(CharterVersion, "change", version.pk))
    assert 'name="_save"' in page.content.decode()


def test_label_status_is_read_only_in_the_structure_admin(client_for, network):
    html = client_for("staff").get(admin_url(Structure, "change", network.structure.pk)).content.decode()
    assert 'name="label_status"' not in html
    assert "Le statut de labellisation ne se modifie pas ici" in html_module.unescape(html)


def test_user_admin_shows_the_profile_fields(client_for, network):
    html = client_for("staff").get(admin_url(network.adviser, "change", network.adviser.pk)).content.decode()
    for field in ["phone", "expertise", "show_in_directory"]:
        assert f'name="{field}"' in html


def test_a_structure_cannot_be_deleted_in_the_admin(client_for, network):
    url = reverse("admin:members_structure_delete", args=[network.structure.pk])
    assert client_for("staff").post(url, {"post": "yes"}).status_code == 403
    assert Structure.objects.filter(pk=network.structure.pk).exists()
