from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Invitation, Membership, User
from members.services import memberships as services
from tests.factories import InvitationFactory, UserFactory
from tests.utils import text

ACCEPT_FORM = {
    "first_name": "Léa",
    "last_name": "Guillou",
    "password1": "une-phrase-de-passe-solide",
    "password2": "une-phrase-de-passe-solide",
}


def test_referent_invites_a_person_who_receives_a_link(client_for, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("referent").post(
            "/structures/cio-de-rennes/inviter/",
            {"email": "Nouvelle@Exemple.fr", "role": "adviser"},
            follow=True,
        )
    assert "Invitation envoyée à nouvelle@exemple.fr" in text(response)
    invitation = Invitation.objects.get()
    assert invitation.email == "nouvelle@exemple.fr"
    assert invitation.invited_by == network.referent
    assert (invitation.expires_at - timezone.now()).days == 13
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@exemple.fr"]
    assert "CIO de Rennes" in message.subject
    assert f"/invitation/{invitation.token}/" in message.body
    assert "&#x27;" not in message.body


def test_inviting_someone_twice_replaces_the_first_link(network):
    first = services.invitation_create(
        structure=network.structure,
        email="a@exemple.fr",
        role="adviser",
        invited_by=network.referent,
    )
    second = services.invitation_create(
        structure=network.structure,
        email="a@exemple.fr",
        role="referent",
        invited_by=network.referent,
    )
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(Invitation.objects.pending()) == [second]


def test_inviting_a_current_member_is_refused_in_french(client_for, network):
    response = client_for("referent").post(
        "/structures/cio-de-rennes/inviter/",
        {"email": network.adviser.email, "role": "adviser"},
    )
    assert response.status_code == 200
    assert "déjà membre de la structure" in text(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "pas-une-adresse", "role": "adviser"},
        {"email": "a@b.fr", "role": "chef"},
    ],
)
def test_bad_invitation_form_shows_errors_and_keeps_input(client_for, network, data):
    response = client_for("referent").post("/structures/cio-de-rennes/inviter/", data)
    assert response.status_code == 200
    html = text(response)
    assert "errorlist" in html
    if data.get("email"):
        assert data["email"] in html
    assert not Invitation.objects.exists()


def test_inviting_into_an_unknown_structure_is_a_404(client_for, network):
    assert client_for("referent").get("/structures/inconnue/inviter/").status_code == 404


def test_invited_person_creates_account_and_joins(client, network):
    invitation = InvitationFactory(structure=network.structure, email="lea@exemple.fr", role="referent")
    page = client.get(f"/invitation/{invitation.token}/")
    assert "Rejoindre CIO de Rennes" in text(page)

    response = client.post(f"/invitation/{invitation.token}/", ACCEPT_FORM, follow=True)
    assert "Bienvenue dans le réseau" in text(response)
    user = User.objects.get(email="lea@exemple.fr")
    assert user.check_password(ACCEPT_FORM["password1"])
    assert user.emailaddress_set.get().verified
    membership = Membership.objects.get(user=user)
    assert membership.structure == network.structure and membership.role == "referent"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert response.wsgi_request.user == user


def test_expired_invitation_says_so_and_creates_no_account(client, network):
    invitation = InvitationFactory(
        structure=network.structure,
        email="tard@exemple.fr",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = client.post(f"/invitation/{invitation.token}/", ACCEPT_FORM)
    assert response.status_code == 410
    assert "Cette invitation a expiré" in text(response)
    assert not User.objects.filter(email="tard@exemple.fr").exists()


def test_reused_invitation_says_so_and_creates_no_second_account(client, network):
    invitation = InvitationFactory(structure=network.structure, email="une@exemple.fr")
    client.post(f"/invitation/{invitation.token}/", ACCEPT_FORM)
    client.logout()
    response = client.post(f"/invitation/{invitation.token}/", {**ACCEPT_FORM, "first_name": "Autre"})
    assert response.status_code == 410
    assert "déjà été utilisée" in text(response)
    assert User.objects.filter(email="une@exemple.fr").count() == 1


def test_revoked_invitation_is_refused(client, network):
    invitation = InvitationFactory(structure=network.structure, revoked_at=timezone.now())
    response = client.get(f"/invitation/{invitation.token}/")
    assert response.status_code == 410
    assert "annulée" in text(response)


def test_unknown_invitation_token_is_a_clear_404(client, db):
    response = client.get("/invitation/nimporte-quoi/")
    assert response.status_code == 404
    assert "n'existe pas" in text(response)


def test_weak_or_mismatched_password_keeps_the_form(client, network):
    invitation = InvitationFactory(structure=network.structure)
    response = client.post(
        f"/invitation/{invitation.token}/",
        {**ACCEPT_FORM, "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    html = text(response)
    assert "Ce mot de passe est trop court" in html
    assert "Léa" in html
    response = client.post(
        f"/invitation/{invitation.token}/",
        {**ACCEPT_FORM, "password2": "autre-chose-encore"},
    )
    assert "ne sont pas identiques" in text(response)
    assert not User.objects.filter(email=invitation.email).exists()


def test_existing_account_accepts_after_logging_in(client, network):
    person = UserFactory(email="deja@exemple.fr")
    invitation = InvitationFactory(structure=network.structure, email="deja@exemple.fr")
    client.force_login(person)
    page = client.get(f"/invitation/{invitation.token}/")
    assert "Accepter l'invitation" in text(page)
    client.post(f"/invitation/{invitation.token}/")
    assert Membership.objects.active().get(user=person).structure == network.structure


def test_invitation_for_someone_else_is_refused_to_a_logged_in_person(client_for, network):
    invitation = InvitationFactory(structure=network.structure, email="quelquun@exemple.fr")
    response = client_for("other_adviser").post(f"/invitation/{invitation.token}/")
    assert response.status_code == 409
    assert "autre adresse" in text(response)


def test_anonymous_with_existing_email_is_told_to_log_in(client, network):
    UserFactory(email="existe@exemple.fr")
    invitation = InvitationFactory(structure=network.structure, email="existe@exemple.fr")
    response = client.post(f"/invitation/{invitation.token}/", ACCEPT_FORM)
    assert "connectez-vous pour accepter" in text(response)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_invitation_validity_shown_is_the_setting(client_for, network, settings):
    settings.INVITATION_VALIDITY_DAYS = 9
    html = text(client_for("referent").get(f"/structures/{network.structure.slug}/inviter/"))
    assert "valable 9 jours" in html
