import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail

from members.models import JoinRequest, Membership, User
from members.services import memberships as services
from tests.factories import JoinRequestFactory, UserFactory
from tests.utils import text

SIGNUP = {
    "email": "nouveau@exemple.fr",
    "password1": "une-phrase-de-passe-solide",
    "password2": "une-phrase-de-passe-solide",
    "first_name": "Yann",
    "last_name": "Le Bihan",
    "message": "Je viens d'arriver au CIO.",
}


def _sign_up(client, network, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/signup/", {**SIGNUP, "structure": network.structure.pk, **changes}, follow=True)
    assert response.status_code == 200
    return User.objects.get(email=SIGNUP["email"])


def _confirm_email(client, user, django_capture_on_commit_callbacks):
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/compte/confirm-email/{key}/", follow=True)


def _mails_to_referents(network):
    return [message for message in mail.outbox if network.referent.email in message.to]


def test_signing_up_is_asking_to_join_and_needs_email_verification(client, network, django_capture_on_commit_callbacks):
    user = _sign_up(client, network, django_capture_on_commit_callbacks)
    assert not EmailAddress.objects.get(user=user).verified
    join_request = JoinRequest.objects.get(user=user)
    assert join_request.structure == network.structure
    assert join_request.message == "Je viens d'arriver au CIO."
    assert join_request.referents_notified_at is None
    assert not Membership.objects.filter(user=user).exists()
    assert [message.to for message in mail.outbox] == [[SIGNUP["email"]]]  # the verification link only


def test_the_referents_hear_of_a_sign_up_once_its_email_is_verified(
    client, network, django_capture_on_commit_callbacks
):
    user = _sign_up(client, network, django_capture_on_commit_callbacks)
    assert _mails_to_referents(network) == []
    _confirm_email(client, user, django_capture_on_commit_callbacks)
    assert EmailAddress.objects.get(user=user).verified
    sent = _mails_to_referents(network)
    assert len(sent) == 1
    assert "Yann Le Bihan demande à rejoindre CIO de Rennes" in sent[0].subject
    assert JoinRequest.objects.get(user=user).referents_notified_at is not None

    client.logout()
    _confirm_email(client, user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_notify_verified(user=user)
    assert len(_mails_to_referents(network)) == 1


def test_a_person_with_a_verified_address_is_announced_at_once(client, network, django_capture_on_commit_callbacks):
    person = UserFactory()  # the factory verifies the address
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/structures/rejoindre/", {"structure": network.structure.pk, "message": ""})
    assert len(_mails_to_referents(network)) == 1


def test_an_unverified_person_asking_to_join_waits_for_verification(network, django_capture_on_commit_callbacks):
    person = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_create(user=person, structure=network.structure)
    assert _mails_to_referents(network) == []


@pytest.mark.parametrize("path", ["/compte/signup/", "/structures/rejoindre/"])
def test_a_message_longer_than_a_thousand_characters_is_refused_in_french(client, network, path):
    if path != "/compte/signup/":
        client.force_login(UserFactory())
    data = {**SIGNUP, "structure": network.structure.pk, "message": "x" * 1001}
    response = client.post(path, data)
    assert response.status_code == 200
    assert "Votre message ne peut pas dépasser 1 000 caractères" in text(response)
    assert not JoinRequest.objects.exists()


def test_the_service_refuses_a_long_message_too(network):
    with pytest.raises(services.ServiceError, match="1 000 caractères"):
        services.join_request_create(user=UserFactory(), structure=network.structure, message="x" * 1001)


@pytest.mark.parametrize("structure", ["999999", "99999999999999999999", "abc"])
def test_signup_with_unknown_structure_is_refused_in_french(client, network, structure):
    response = client.post("/compte/signup/", {**SIGNUP, "structure": structure})
    assert response.status_code == 200
    assert "Choisissez une structure de la liste" in text(response)
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_signup_with_a_known_email_does_not_reveal_the_account(client, network):
    response = client.post(
        "/compte/signup/",
        {**SIGNUP, "email": network.adviser.email, "structure": network.structure.pk},
    )
    assert response.status_code == 302
    assert User.objects.filter(email=network.adviser.email).count() == 1


def test_referent_sees_and_accepts_a_join_request(client_for, network, django_capture_on_commit_callbacks):
    join_request = JoinRequestFactory(structure=network.structure, user__first_name="Nolwenn")
    referent = client_for("referent")
    assert "Nolwenn" in text(referent.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = referent.post(f"/structures/demandes/{join_request.pk}/accepter/", follow=True)
    assert "a été acceptée" in text(response)
    membership = Membership.objects.active().get(user=join_request.user)
    assert membership.structure == network.structure
    assert membership.role == Membership.Role.ADVISER
    assert membership.updated_by == network.referent
    assert mail.outbox[-1].to == [join_request.user.email]
    assert "Bienvenue" in mail.outbox[-1].subject


def test_referent_refuses_a_join_request(client_for, network):
    join_request = JoinRequestFactory(structure=network.structure)
    client_for("referent").post(f"/structures/demandes/{join_request.pk}/refuser/")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    assert not Membership.objects.filter(user=join_request.user).exists()


@pytest.mark.parametrize("persona", ["adviser", "other_adviser", "territorial_coordinator"])
def test_people_outside_the_structure_cannot_decide(client_for, network, persona):
    join_request = JoinRequestFactory(structure=network.other_structure)
    if persona == "other_adviser":
        join_request = JoinRequestFactory(structure=network.structure)
    response = client_for(persona).post(f"/structures/demandes/{join_request.pk}/accepter/")
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_a_coordinator_in_scope_can_decide(client_for, network):
    join_request = JoinRequestFactory(structure=network.structure)
    client_for("territorial_coordinator").post(f"/structures/demandes/{join_request.pk}/accepter/")
    assert Membership.objects.active().filter(user=join_request.user).exists()


def test_deciding_twice_is_refused_without_error(client_for, network):
    join_request = JoinRequestFactory(structure=network.structure)
    referent = client_for("referent")
    referent.post(f"/structures/demandes/{join_request.pk}/accepter/")
    response = referent.post(f"/structures/demandes/{join_request.pk}/refuser/")
    assert response.status_code == 403


def test_unknown_join_request_is_a_404(client_for, network):
    assert client_for("referent").post("/structures/demandes/424242/accepter/").status_code == 404


def test_logged_in_person_without_structure_asks_to_join(client, network):
    person = UserFactory()
    client.force_login(person)
    home = text(client.get("/"))
    assert "Demander à rejoindre une structure" in home
    client.post(
        "/structures/rejoindre/",
        {"structure": network.other_structure.pk, "message": ""},
    )
    assert JoinRequest.objects.filter(user=person, structure=network.other_structure).exists()
    home = text(client.get("/"))
    assert "attend la réponse" in home


def test_asking_twice_for_the_same_structure_is_refused(network):
    person = UserFactory()
    services.join_request_create(user=person, structure=network.structure)
    with pytest.raises(services.ServiceError, match="déjà en attente"):
        services.join_request_create(user=person, structure=network.structure)


def test_a_member_is_sent_home_from_the_join_form(client_for, network):
    response = client_for("adviser").get("/structures/rejoindre/", follow=True)
    assert "déjà membre" in text(response)


def test_referents_see_a_sign_up_only_once_its_email_is_verified(
    client, client_for, network, django_capture_on_commit_callbacks
):
    user = _sign_up(client, network, django_capture_on_commit_callbacks)
    referent = client_for("referent")
    assert "Yann Le Bihan" not in text(referent.get("/"))
    assert "Yann Le Bihan" not in text(referent.get("/structures/cio-de-rennes/membres/"))
    _confirm_email(client, user, django_capture_on_commit_callbacks)
    assert "Yann Le Bihan" in text(referent.get("/"))
    assert "Yann Le Bihan" in text(referent.get("/structures/cio-de-rennes/membres/"))
