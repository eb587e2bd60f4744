"""Closing an account: the person asks, the coordination confirms for a structure's last referent; what identifies
the person goes, everything they wrote stays, signed « ancien·ne membre d'un CIO »."""

import datetime
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.test import Client
from django.utils import timezone

from indicators.models import Position, ProposalComment
from indicators.models import Report as IndicatorReport
from indicators.services import proposals as proposal_services
from members.models import CommitmentReview, CommitmentSubmission, Membership, User
from members.services.accounts import account_close
from practices.models import Notification, Post, Resource, ReuseStory, Topic
from practices.models import Report as ForumReport
from practices.services import moderation
from spro_portal.digest import periods
from spro_portal.digest import services as digest_services
from spro_portal.privacy.models import LoginSession
from tests.factories import PASSWORD, MembershipFactory, submitted_set
from tests.indicators.helpers import adopted_indicator, campaign, in_discussion, report_with
from tests.practices import factories as forum
from tests.practices import resource_factories as library
from tests.utils import LOGIN, PERSONAS, assert_access, persona_row, text

pytestmark = pytest.mark.usefixtures("media_root")

OLD_NAME = "Rémi Référent"
OLD_EMAIL = "referente@cio-rennes.fr"
LABEL = "ancien·ne membre d'un CIO"


@pytest.fixture
def work(network):
    """The referent of the CIO de Rennes (its only one) has written in every part of the portal."""
    referent = network.referent
    referent.first_name, referent.last_name, referent.phone = "Rémi", "Référent", "02 99 00 00 00"
    referent.job_title = "Conseiller d'orientation"
    referent.save()
    question = forum.topic(referent, title="Stage de troisième", body="Comment trouvez-vous des stages ?")
    forum.reply(question, network.adviser, body="Demandez à @referente, il a une liste.")
    answer_topic = forum.topic(network.adviser, title="Ateliers collectifs")
    answer = forum.reply(answer_topic, referent, body="Nous faisons des ateliers le mercredi.")
    forum.reply(answer_topic, network.adviser, body="Merci !")
    moderation.report_create(post=answer, reporter=referent, reason="Doublon")
    tool = library.resource(referent, title="Grille du CIO", url="https://exemple.fr/grille", file=None)
    other_tool = library.resource(network.other_adviser, title="Guide ML", url="https://exemple.fr/guide", file=None)
    library.story(other_tool, referent, context="Adapté pour le CIO.")
    library.story(tool, network.adviser)
    proposal = in_discussion(network.regional_coordinator, network.regional_coordinator, name="Taux de suivi")
    proposal_services.comment_add(proposal=proposal, author=referent, structure=network.structure, body="Bonne idée")
    proposal_services.position_take(proposal=proposal, user=referent, structure=network.structure, kind="support")
    indicator = adopted_indicator(network.regional_coordinator, network.regional_coordinator)
    report = report_with(campaign([indicator], [network.structure]), network.structure, {indicator: 12})
    IndicatorReport.objects.filter(pk=report.pk).update(submitted_by=referent)
    commitment_set = submitted_set(network.structure, by=referent)
    CommitmentReview.objects.create(
        submission=commitment_set.submissions.get(),
        reviewer=network.territorial_coordinator,
        decision=CommitmentReview.Decision.APPROVED,
    )
    return network


def _counts():
    models = [
        Topic,
        Post,
        Resource,
        ReuseStory,
        ForumReport,
        Position,
        ProposalComment,
        IndicatorReport,
        CommitmentSubmission,
        CommitmentReview,
    ]
    return {model._meta.label: model.objects.count() for model in models}


def _close_through_the_pages(network):
    client = Client()
    client.force_login(network.referent)
    response = client.post("/compte/fermer/", {"password": PASSWORD, "understood": "on"}, follow=True)
    assert "Votre demande est envoyée à la coordination" in text(response)
    coordinator = Client()
    coordinator.force_login(network.territorial_coordinator)
    assert OLD_NAME in text(coordinator.get("/coordination/fermetures/"))
    response = coordinator.post(f"/coordination/fermetures/{network.referent.pk}/confirmer/", follow=True)
    assert "Le compte est fermé" in text(response)
    network.referent.refresh_from_db()
    return client


def test_closing_keeps_every_row_the_person_wrote(work):
    before = _counts()
    _close_through_the_pages(work)
    assert _counts() == before
    referent = work.referent
    assert referent.is_closed and referent.closed_by == work.territorial_coordinator
    assert Topic.objects.get(title="Stage de troisième").author == referent
    assert str(referent) == LABEL == referent.get_full_name()


def test_closing_blanks_what_identifies_the_person(work):
    LoginSession.objects.create(
        user=work.referent, session_key="ancienne", started_at=timezone.now(), last_seen_at=timezone.now()
    )
    _close_through_the_pages(work)
    referent = User.objects.get(pk=work.referent.pk)
    assert (referent.first_name, referent.last_name, referent.phone, referent.job_title) == ("", "", "", "")
    assert referent.email.endswith("@comptes-fermes.invalid") and OLD_EMAIL not in referent.email
    assert not referent.expertise.exists() and not referent.show_in_directory
    assert not referent.is_active and not referent.has_usable_password()
    assert not EmailAddress.objects.filter(user=referent).exists()
    assert not LoginSession.objects.filter(user=referent).exists()
    assert not Membership.objects.filter(user=referent, is_active=True).exists()
    assert Notification.objects.filter(actor=referent).exclude(actor_label=LABEL).count() == 0


def _pages(network):
    topic = Topic.objects.get(title="Stage de troisième")
    other_topic = Topic.objects.get(title="Ateliers collectifs")
    resource = Resource.objects.get(title="Grille du CIO")
    report = IndicatorReport.objects.get()
    proposal = ProposalComment.objects.get().proposal
    commitment_set = CommitmentSubmission.objects.get().commitment_set
    return [
        "/communaute/",
        topic.get_absolute_url(),
        other_topic.get_absolute_url(),
        "/ressources/",
        resource.get_absolute_url(),
        Resource.objects.get(title="Guide ML").get_absolute_url(),
        "/recherche/?q=R%C3%A9mi",
        "/recherche/?q=Stage",
        "/recherche/?q=ateliers",
        "/annuaire/",
        "/annuaire/?q=R%C3%A9mi",
        "/structures/cio-de-rennes/",
        "/structures/cio-de-rennes/membres/",
        proposal.get_absolute_url(),
        report.get_absolute_url(),
        "/indicateurs/propositions/",
        f"/charte/engagements/{commitment_set.structure.slug}/",
        f"/coordination/revues/{commitment_set.pk}/",
        "/coordination/",
        "/coordination/structures.csv",
        "/coordination/vue-d-ensemble/export.csv",
        "/communaute/notifications/",
        "/coordination/moderation/",
    ]


@pytest.mark.parametrize("reader", ["adviser", "regional_coordinator"])
def test_the_old_name_and_e_mail_appear_in_no_page_search_or_export(work, client_for, reader):
    _close_through_the_pages(work)
    client = client_for(reader)
    seen_label = False
    for url in _pages(work):
        response = client.get(url)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        page = text(response) if not response.streaming else body.decode()
        if "?q=" in url:  # the search box and title repeat what was typed: the reader's text, not the portal's
            typed = unquote(url.split("?q=")[1])
            page = page.replace(f'value="{typed}"', "").replace(f"« {typed} »", "")
        for old in [OLD_NAME, "Rémi", "Référent ", OLD_EMAIL, "@referente", "02 99 00 00 00"]:
            assert old not in page, (url, old)
        seen_label = seen_label or LABEL in page
    assert seen_label


def test_the_old_name_appears_in_no_digest(work):
    _close_through_the_pages(work)
    for frequency in ["monthly", "weekly"]:
        period = periods.previous(frequency, today=timezone.localdate() + datetime.timedelta(days=31))
        for person in [work.adviser, work.regional_coordinator, work.territorial_coordinator]:
            digest = digest_services.build(person, period)
            rendered = repr(digest)
            assert OLD_NAME not in rendered and OLD_EMAIL not in rendered


def test_a_closed_account_cannot_log_in_and_its_old_session_is_dead(work):
    session = _close_through_the_pages(work)
    assert_access(session, "/charte/", LOGIN)
    client = Client()
    response = client.post("/compte/login/", {"login": OLD_EMAIL, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_its_e_mail_can_sign_up_again_as_a_new_person(work):
    _close_through_the_pages(work)
    client = Client()
    response = client.post(
        "/compte/signup/",
        {
            "email": OLD_EMAIL,
            "password1": "un-mot-de-passe-solide-2026",
            "password2": "un-mot-de-passe-solide-2026",
            "first_name": "Nouvelle",
            "last_name": "Personne",
            "structure": work.structure.pk,
        },
    )
    assert response.status_code == 302, text(response)
    newcomer = User.objects.get(email=OLD_EMAIL)
    assert newcomer.pk != work.referent.pk and not newcomer.is_closed
    assert not Topic.objects.filter(author=newcomer).exists()


def test_a_member_who_is_not_the_last_referent_closes_at_once(work, client):
    client.force_login(work.adviser)
    response = client.post("/compte/fermer/", {"password": PASSWORD, "understood": "on"}, follow=True)
    assert "Votre compte est fermé" in text(response)
    work.adviser.refresh_from_db()
    assert work.adviser.is_closed and work.adviser.closed_by == work.adviser
    assert work.adviser.former_label == LABEL
    assert_access(client, "/charte/", LOGIN)


def test_the_last_referent_waits_for_the_coordination(work, client):
    client.force_login(work.referent)
    page = text(client.get("/compte/fermer/"))
    assert "la coordination du SPRO confirmera la fermeture" in page
    client.post("/compte/fermer/", {"password": PASSWORD, "understood": "on"})
    work.referent.refresh_from_db()
    assert not work.referent.is_closed and work.referent.closure_requested_at
    assert "attend la confirmation" in text(client.get("/compte/fermer/"))
    home = text(Client(enforce_csrf_checks=False).get("/"))
    assert "fermeture" not in home  # visitors see nothing of it
    coordinator = Client()
    coordinator.force_login(work.territorial_coordinator)
    assert "1 demande de fermeture de compte à confirmer" in text(coordinator.get("/"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "pas-le-bon", "understood": "on"}, "Ce mot de passe n'est pas le bon."),
        ({"password": PASSWORD}, "Cochez la case pour confirmer que vous avez compris."),
        ({"understood": "on"}, "Saisissez votre mot de passe pour confirmer."),
    ],
)
def test_closing_needs_the_password_and_the_box(work, client, data, message):
    client.force_login(work.adviser)
    response = client.post("/compte/fermer/", data)
    assert response.status_code == 200
    assert message in text(response)
    work.adviser.refresh_from_db()
    assert not work.adviser.is_closed


CLOSE_PAGE = persona_row(200)
CLOSURES_PAGE = persona_row(403, territorial_coordinator=200, regional_coordinator=200, staff=200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_close_page_access(client_for, persona):
    assert_access(client_for(persona), "/compte/fermer/", CLOSE_PAGE[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_closures_page_access(client_for, persona):
    assert_access(client_for(persona), "/coordination/fermetures/", CLOSURES_PAGE[persona])


def test_a_coordinator_confirms_only_requests_in_scope(network, client_for):
    User.objects.filter(pk=network.other_referent.pk).update(closure_requested_at=timezone.now())
    url = f"/coordination/fermetures/{network.other_referent.pk}/confirmer/"
    assert_access(client_for("territorial_coordinator"), url, 404, method="post")
    assert_access(client_for("adviser"), url, 403, method="post")
    assert_access(client_for("regional_coordinator"), url, 302, method="post")
    network.other_referent.refresh_from_db()
    assert network.other_referent.is_closed


def test_confirming_needs_post_and_a_real_request(network, client_for):
    coordinator = client_for("regional_coordinator")
    assert coordinator.get(f"/coordination/fermetures/{network.referent.pk}/confirmer/").status_code == 405
    assert coordinator.post(f"/coordination/fermetures/{network.referent.pk}/confirmer/").status_code == 404
    assert coordinator.post("/coordination/fermetures/9999999999999999999/confirmer/").status_code == 404


def test_closures_page_costs_the_same_queries_for_1_and_50_requests(network, client_for, assert_same_query_count):
    User.objects.filter(pk=network.referent.pk).update(closure_requested_at=timezone.now())

    def add_rows():
        people = [MembershipFactory(structure=network.structure).user for _ in range(49)]
        User.objects.filter(pk__in=[person.pk for person in people]).update(closure_requested_at=timezone.now())

    assert_same_query_count(client_for("regional_coordinator"), "/coordination/fermetures/", add_rows)


def test_deleting_a_user_in_the_admin_closes_the_account_instead(work, client_for):
    before = _counts()
    staff = client_for("staff")
    url = f"/admin/members/user/{work.referent.pk}/delete/"
    page = text(staff.get(url))
    assert "compte fermé, ses écrits restent" in page
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert _counts() == before
    work.referent.refresh_from_db()
    assert work.referent.is_closed and work.referent.closed_by == work.staff


def test_the_admin_bulk_delete_closes_too(work, client_for):
    response = client_for("staff").post(
        "/admin/members/user/",
        {"action": "delete_selected", "_selected_action": [work.adviser.pk, work.other_adviser.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert User.objects.filter(pk__in=[work.adviser.pk, work.other_adviser.pk], closed_at__isnull=False).count() == 2
    assert admin.site.is_registered(User)


def test_closing_twice_changes_nothing(work):
    closed = account_close(person=work.adviser, by=work.adviser)
    again = account_close(person=closed, by=work.staff)
    assert again.closed_by == work.adviser
