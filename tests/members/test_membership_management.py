"""The members page of a structure: who may act on it, the last-referent guard, invitations, reactivation."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from members.models import Invitation, JoinRequest, Membership
from members.services import ServiceError
from members.services import memberships as services
from tests.factories import InvitationFactory, JoinRequestFactory, MembershipFactory, StructureFactory
from tests.utils import (
    ALL_PERSONAS,
    LOGIN,
    assert_access,
    assert_matrix_complete,
    assert_status,
    matrix_cases,
    persona_row,
    text,
)

PAGE = "/structures/cio-de-rennes/membres/"
OTHER_PAGE = "/structures/mission-locale-du-pays-de-brest/membres/"
MANAGERS = {"referent", "territorial_coordinator", "regional_coordinator"}


def _expected(allowed):
    """200 for the personas allowed, 403 for the others, LOGIN for the anonymous visitor."""
    return persona_row(403, personas=ALL_PERSONAS, **dict.fromkeys(allowed, 200))


MATRIX = {
    PAGE: _expected(MANAGERS),
    OTHER_PAGE: _expected({"other_referent", "regional_coordinator"}),
}


def _membership(user):
    return Membership.objects.get(user=user)


def test_matrix_covers_every_persona():
    assert_matrix_complete(MATRIX, ALL_PERSONAS)


@pytest.mark.parametrize(("page", "persona", "expected"), matrix_cases(MATRIX))
def test_members_page_permission_matrix(client_for, page, persona, expected):
    assert_access(client_for(persona), page, expected)


# Each action: how to build its target in the CIO de Rennes, its URL, its form data, and whether it took effect.
def _adviser_membership(network):
    return _membership(network.adviser)


def _former_membership(network):
    return MembershipFactory(structure=network.structure, is_active=False)


def _invitation(network):
    return InvitationFactory(structure=network.structure, invited_by=network.referent)


ACTIONS = {
    "change_role": (
        _adviser_membership,
        "{pk}/role/",
        {"role": "referent"},
        lambda obj: Membership.objects.get(pk=obj.pk).role == Membership.Role.REFERENT,
    ),
    "deactivate": (
        _adviser_membership,
        "{pk}/desactiver/",
        {},
        lambda obj: not Membership.objects.get(pk=obj.pk).is_active,
    ),
    "reactivate": (
        _former_membership,
        "{pk}/reactiver/",
        {},
        lambda obj: Membership.objects.get(pk=obj.pk).is_active,
    ),
    "resend": (
        _invitation,
        "invitations/{pk}/renvoyer/",
        {},
        lambda obj: Invitation.objects.get(pk=obj.pk).revoked_at is not None,
    ),
    "revoke": (
        _invitation,
        "invitations/{pk}/annuler/",
        {},
        lambda obj: Invitation.objects.get(pk=obj.pk).revoked_at is not None,
    ),
}
ACTION_CASES = [(action, persona) for action in ACTIONS for persona in ALL_PERSONAS]


@pytest.mark.parametrize(("action", "persona"), ACTION_CASES, ids=[f"{a} {p}" for a, p in ACTION_CASES])
def test_each_action_is_allowed_only_to_people_who_manage_the_structure(client_for, network, action, persona):
    build, route, data, took_effect = ACTIONS[action]
    target = build(network)
    response = client_for(persona).post(PAGE + route.format(pk=target.pk), data)
    if persona == "anonymous":
        assert_status(response, LOGIN)
    elif persona in MANAGERS:
        assert response.status_code == 302
        assert response["Location"].startswith(PAGE)
    else:
        assert response.status_code == 403
    assert took_effect(target) is (persona in MANAGERS)


@pytest.mark.parametrize("action", ACTIONS)
def test_a_referent_cannot_act_on_another_structure_by_guessing_ids(client_for, network, action):
    build, route, data, took_effect = ACTIONS[action]
    other = SimpleNamespace(structure=network.other_structure, adviser=network.other_adviser, referent=None)
    target = build(other)
    referent = client_for("referent")
    assert_access(referent, PAGE + route.format(pk=target.pk), 404, "post", data, says={404: "Page introuvable"})
    assert_access(referent, OTHER_PAGE + route.format(pk=target.pk), 403, "post", data)
    assert not took_effect(target)


@pytest.mark.parametrize("action", ACTIONS)
def test_unknown_ids_are_a_french_404(client_for, network, action):
    _, route, data, _ = ACTIONS[action]
    assert_access(
        client_for("referent"), PAGE + route.format(pk=424242), 404, "post", data, says={404: "Page introuvable"}
    )


def test_unknown_structure_is_a_404(client_for, network):
    assert client_for("regional_coordinator").get("/structures/inconnue/membres/").status_code == 404


@pytest.mark.parametrize("action", ["change_role", "reactivate", "resend", "revoke"])
def test_state_changes_refuse_get(client_for, network, action):
    build, route, _, took_effect = ACTIONS[action]
    target = build(network)
    assert client_for("referent").get(PAGE + route.format(pk=target.pk)).status_code == 405
    assert not took_effect(target)


def test_posting_without_csrf_token_is_refused(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.referent)
    adviser = _membership(network.adviser)
    response = client.post(PAGE + f"{adviser.pk}/desactiver/")
    assert response.status_code == 403
    assert _membership(network.adviser).is_active


# The page


def test_page_lists_members_former_members_invitations_and_requests(client_for, network):
    network.adviser.job_title = "Psychologue de l'Éducation nationale"
    network.adviser.save()
    MembershipFactory(
        structure=network.structure, is_active=False, user__first_name="Ancien", user__last_name="Collègue"
    )
    InvitationFactory(structure=network.structure, email="invitee@exemple.fr", invited_by=network.referent)
    JoinRequestFactory(structure=network.structure, user__first_name="Nolwenn", user__last_name="Le Goff")
    JoinRequestFactory(structure=network.other_structure, user__first_name="Ailleurs")
    html = text(client_for("referent").get(PAGE))
    assert "<h1>Membres de CIO de Rennes</h1>" in html
    assert "Membres actifs (2)" in html
    assert network.adviser.email in html
    assert "Psychologue de l'Éducation nationale" in html
    assert "Anciens membres (1)" in html and "Ancien Collègue" in html
    assert "Invitations en attente (1)" in html and "invitee@exemple.fr" in html
    assert "Demandes d'adhésion en attente (1)" in html and "Nolwenn Le Goff" in html
    assert "Ailleurs" not in html
    assert "ses messages et ses ressources restent en ligne" in html
    assert "/structures/cio-de-rennes/inviter/" in html


def test_page_shows_who_changed_a_membership_last(client_for, network):
    services.membership_change_role(
        membership=_membership(network.adviser), role="referent", changed_by=network.territorial_coordinator
    )
    html = text(client_for("referent").get(PAGE))
    assert f"par {network.territorial_coordinator.get_full_name()}" in html


def test_other_structures_people_are_not_listed(client_for, network):
    html = text(client_for("regional_coordinator").get(PAGE))
    assert network.other_adviser.email not in html


def test_last_referent_is_offered_neither_role_change_nor_deactivation(client_for, network):
    referent = _membership(network.referent)
    adviser = _membership(network.adviser)
    html = text(client_for("referent").get(PAGE))
    assert f"membres/{referent.pk}/role/" not in html
    assert f"membres/{referent.pk}/desactiver/" not in html
    assert f"membres/{adviser.pk}/role/" in html
    assert f"membres/{adviser.pk}/desactiver/" in html
    assert "Seul·e référent·e" in html


def test_with_two_referents_both_may_step_down(client_for, network):
    services.membership_change_role(membership=_membership(network.adviser), role="referent", changed_by=None)
    referent = _membership(network.referent)
    html = text(client_for("referent").get(PAGE))
    assert f"membres/{referent.pk}/role/" in html
    assert f"membres/{referent.pk}/desactiver/" in html


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1"])
def test_a_bad_page_number_is_ignored(client_for, network, page):
    response = client_for("referent").get(PAGE, {"page": page, "invitations": page, "anciens": page})
    assert response.status_code == 200


def test_long_lists_are_paginated_and_keep_the_other_lists_page(client_for, network):
    InvitationFactory.create_batch(30, structure=network.structure)
    MembershipFactory.create_batch(30, structure=network.structure)
    html = text(client_for("referent").get(PAGE, {"invitations": 2}))
    assert '?invitations=2#invitations" aria-current="page"' in html
    assert "?invitations=2&page=2#membres" in html


def test_home_offers_referents_a_link_to_the_members_page(client_for, network):
    assert PAGE in text(client_for("referent").get("/"))
    assert PAGE not in text(client_for("adviser").get("/"))


# Changing a role


def test_referent_names_another_referent(client_for, network):
    adviser = _membership(network.adviser)
    response = client_for("referent").post(PAGE + f"{adviser.pk}/role/", {"role": "referent"}, follow=True)
    assert "est maintenant référent·e spro" in text(response)
    adviser.refresh_from_db()
    assert adviser.role == Membership.Role.REFERENT
    assert adviser.updated_by == network.referent


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "chef"}, "Ce rôle n'existe pas"),
        ({"role": ""}, "Choisissez un rôle."),
        ({}, "Choisissez un rôle."),
    ],
)
def test_a_bad_role_is_refused_in_french_and_changes_nothing(client_for, network, data, message):
    adviser = _membership(network.adviser)
    response = client_for("referent").post(PAGE + f"{adviser.pk}/role/", data, follow=True)
    assert response.status_code == 200
    html = text(response)
    assert message in html
    assert "notice--error" in html
    adviser.refresh_from_db()
    assert adviser.role == Membership.Role.ADVISER
    assert adviser.updated_by is None


def test_a_former_members_role_is_not_changed(client_for, network):
    former = _former_membership(network)
    response = client_for("referent").post(PAGE + f"{former.pk}/role/", {"role": "referent"}, follow=True)
    assert "réactivez-la d'abord" in text(response)
    former.refresh_from_db()
    assert former.role == Membership.Role.ADVISER


def test_the_last_referent_cannot_step_down_through_the_page(client_for, network):
    referent = _membership(network.referent)
    response = client_for("referent").post(PAGE + f"{referent.pk}/role/", {"role": "adviser"}, follow=True)
    html = text(response)
    assert "garde toujours au moins un·e référent·e" in html
    assert "notice--error" in html
    referent.refresh_from_db()
    assert referent.role == Membership.Role.REFERENT


def test_a_referent_steps_down_when_another_exists_and_goes_home(client_for, network):
    services.membership_change_role(
        membership=_membership(network.adviser), role="referent", changed_by=network.referent
    )
    referent = _membership(network.referent)
    response = client_for("referent").post(PAGE + f"{referent.pk}/role/", {"role": "adviser"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    referent.refresh_from_db()
    assert referent.role == Membership.Role.ADVISER
    assert referent.updated_by == network.referent


def test_a_coordinator_changes_a_role_and_stays_on_the_page(client_for, network):
    adviser = _membership(network.adviser)
    response = client_for("territorial_coordinator").post(PAGE + f"{adviser.pk}/role/", {"role": "referent"})
    assert response["Location"] == PAGE + "#membres"
    adviser.refresh_from_db()
    assert adviser.updated_by == network.territorial_coordinator


# Deactivating


def test_deactivation_asks_for_confirmation_and_says_nothing_is_deleted(client_for, network):
    adviser = _membership(network.adviser)
    response = client_for("referent").get(PAGE + f"{adviser.pk}/desactiver/")
    assert response.status_code == 200
    html = text(response)
    assert f"Désactiver {network.adviser.get_full_name()} ?" in html
    assert "restent en ligne" in html
    assert "button--danger" in html
    assert _membership(network.adviser).is_active


def test_confirming_deactivates_softly_and_records_who(client_for, network):
    adviser = _membership(network.adviser)
    response = client_for("referent").post(PAGE + f"{adviser.pk}/desactiver/", follow=True)
    html = text(response)
    assert "ne fait plus partie de CIO de Rennes" in html
    assert "restent en ligne" in html
    adviser.refresh_from_db()
    assert not adviser.is_active
    assert adviser.updated_by == network.referent
    assert Membership.objects.filter(pk=adviser.pk).exists()


def test_confirmation_page_for_the_last_referent_offers_no_button(client_for, network):
    referent = _membership(network.referent)
    html = text(client_for("regional_coordinator").get(PAGE + f"{referent.pk}/desactiver/"))
    assert "seule référente ou le seul référent actif" in html
    assert "button--danger" not in html


def test_the_last_referent_cannot_be_deactivated_through_the_page(client_for, network):
    referent = _membership(network.referent)
    response = client_for("regional_coordinator").post(PAGE + f"{referent.pk}/desactiver/", follow=True)
    assert "garde toujours au moins un·e référent·e" in text(response)
    assert _membership(network.referent).is_active


def test_a_referent_may_leave_when_another_referent_exists(client_for, network):
    services.membership_change_role(
        membership=_membership(network.adviser), role="referent", changed_by=network.referent
    )
    referent = _membership(network.referent)
    client = client_for("referent")
    assert "Quitter CIO de Rennes ?" in text(client.get(PAGE + f"{referent.pk}/desactiver/"))
    response = client.post(PAGE + f"{referent.pk}/desactiver/")
    assert response["Location"] == "/"
    assert not Membership.objects.get(pk=referent.pk).is_active


def test_opening_the_confirmation_of_a_former_member_goes_back_to_the_list(client_for, network):
    former = _former_membership(network)
    response = client_for("referent").get(PAGE + f"{former.pk}/desactiver/", follow=True)
    assert "ne fait déjà plus partie" in text(response)


# Reactivating


def test_a_former_member_is_reactivated_as_adviser(client_for, network):
    former = MembershipFactory(structure=network.structure, role="referent", is_active=False)
    response = client_for("referent").post(PAGE + f"{former.pk}/reactiver/", follow=True)
    assert "fait de nouveau partie de CIO de Rennes" in text(response)
    former.refresh_from_db()
    assert former.is_active
    assert former.role == Membership.Role.ADVISER
    assert former.updated_by == network.referent


def test_reactivation_is_refused_while_the_person_belongs_elsewhere(client_for, network):
    former = _former_membership(network)
    MembershipFactory(user=former.user, structure=network.other_structure)
    html = text(client_for("referent").get(PAGE))
    assert f"membres/{former.pk}/reactiver/" not in html
    assert "Membre d'une autre structure aujourd'hui" in html
    response = client_for("referent").post(PAGE + f"{former.pk}/reactiver/", follow=True)
    assert "est aujourd'hui membre de Mission locale du Pays de Brest" in text(response)
    assert not Membership.objects.get(pk=former.pk).is_active


def test_reactivation_closes_the_persons_pending_join_requests(network):
    former = _former_membership(network)
    elsewhere = JoinRequestFactory(user=former.user, structure=network.other_structure)
    services.membership_reactivate(membership=former, reactivated_by=network.referent)
    elsewhere.refresh_from_db()
    assert elsewhere.status == JoinRequest.Status.REFUSED


def test_reactivating_an_active_member_changes_nothing(network):
    adviser = _membership(network.adviser)
    services.membership_reactivate(membership=adviser, reactivated_by=network.regional_coordinator)
    adviser.refresh_from_db()
    assert adviser.updated_by is None


# Invitations


def test_resending_replaces_the_invitation_and_mails_a_new_link(
    client_for, network, django_capture_on_commit_callbacks
):
    old = InvitationFactory(structure=network.structure, email="lea@exemple.fr", role="referent")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("territorial_coordinator").post(PAGE + f"invitations/{old.pk}/renvoyer/", follow=True)
    assert "Invitation renvoyée à lea@exemple.fr" in text(response)
    old.refresh_from_db()
    assert old.revoked_at is not None
    new = Invitation.objects.pending().get()
    assert new.email == "lea@exemple.fr" and new.role == "referent"
    assert new.invited_by == network.territorial_coordinator
    assert new.token != old.token
    assert (new.expires_at - timezone.now()).days == 13
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@exemple.fr"]
    assert f"/invitation/{new.token}/" in mail.outbox[0].body
    assert old.token not in mail.outbox[0].body


def test_an_expired_invitation_is_listed_and_can_be_sent_again(client_for, network, django_capture_on_commit_callbacks):
    expired = InvitationFactory(structure=network.structure, expires_at=timezone.now() - timedelta(days=3))
    html = text(client_for("referent").get(PAGE))
    assert "Expirée" in html and expired.email in html
    with django_capture_on_commit_callbacks(execute=True):
        client_for("referent").post(PAGE + f"invitations/{expired.pk}/renvoyer/")
    assert Invitation.objects.pending().get().email == expired.email
    assert len(mail.outbox) == 1


def test_the_old_link_stops_working_after_a_resend(client, network):
    old = InvitationFactory(structure=network.structure)
    services.invitation_resend(invitation=old, resent_by=network.referent)
    response = client.get(f"/invitation/{old.token}/")
    assert response.status_code == 410


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": timezone.now()}, "a déjà été acceptée"),
        ({"revoked_at": timezone.now()}, "a été annulée"),
    ],
)
def test_accepted_or_cancelled_invitations_are_not_resent(
    client_for, network, django_capture_on_commit_callbacks, state, message
):
    invitation = InvitationFactory(structure=network.structure, **state)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("referent").post(PAGE + f"invitations/{invitation.pk}/renvoyer/", follow=True)
    assert message in text(response)
    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_resending_to_someone_who_joined_meanwhile_is_refused(network):
    invitation = InvitationFactory(structure=network.structure, email=network.adviser.email)
    with pytest.raises(ServiceError, match="déjà membre"):
        services.invitation_resend(invitation=invitation, resent_by=network.referent)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_cancelling_an_invitation_kills_its_link_and_sends_nothing(
    client, client_for, network, django_capture_on_commit_callbacks
):
    invitation = _invitation(network)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("referent").post(PAGE + f"invitations/{invitation.pk}/annuler/", follow=True)
    assert f"L'invitation de {invitation.email} est annulée" in text(response)
    assert mail.outbox == []
    assert "annulée" in text(client.get(f"/invitation/{invitation.token}/"))
    assert "Aucune invitation en attente" in text(response)


def test_an_accepted_invitation_cannot_be_cancelled(client_for, network):
    invitation = InvitationFactory(structure=network.structure, accepted_at=timezone.now())
    response = client_for("referent").post(PAGE + f"invitations/{invitation.pk}/annuler/", follow=True)
    assert "ne peut plus être annulée" in text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_cancelling_twice_changes_nothing(network):
    invitation = _invitation(network)
    first = services.invitation_revoke(invitation=invitation, revoked_by=network.referent).revoked_at
    second = services.invitation_revoke(invitation=invitation, revoked_by=network.referent).revoked_at
    assert first == second


# Join requests decided from the page


@pytest.mark.parametrize("decision", ["accepter", "refuser"])
def test_deciding_a_request_from_the_page_comes_back_to_it(client_for, network, decision):
    join_request = JoinRequestFactory(structure=network.structure)
    response = client_for("referent").post(
        f"/structures/demandes/{join_request.pk}/{decision}/", {"next": PAGE + "?anciens=1"}
    )
    assert response["Location"] == PAGE + "?anciens=1"
    join_request.refresh_from_db()
    assert join_request.status != JoinRequest.Status.PENDING


@pytest.mark.parametrize(
    "next_url",
    ["https://pirate.example/", "//pirate.example/", "/\\pirate.example/", "javascript:alert(1)", "", "abc", "home"],
)
def test_a_foreign_or_malformed_next_address_falls_back_to_home(client_for, network, next_url):
    join_request = JoinRequestFactory(structure=network.structure)
    response = client_for("referent").post(f"/structures/demandes/{join_request.pk}/accepter/", {"next": next_url})
    assert response["Location"] == "/"
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED


# Query counts


def _add_members(network, count):
    MembershipFactory.create_batch(count, structure=network.structure, updated_by=network.referent)


def _add_former_members(network, count):
    for membership in MembershipFactory.create_batch(count, structure=network.structure, is_active=False):
        MembershipFactory(user=membership.user, structure=StructureFactory(territory=network.other_territory))


def _add_invitations(network, count):
    InvitationFactory.create_batch(count, structure=network.structure, invited_by=network.referent)


def _add_join_requests(network, count):
    JoinRequestFactory.create_batch(count, structure=network.structure)


@pytest.mark.parametrize("add", [_add_members, _add_former_members, _add_invitations, _add_join_requests])
@pytest.mark.parametrize("persona", ["referent", "territorial_coordinator"])
def test_members_page_query_count_does_not_grow_with_rows(client_for, network, assert_same_query_count, add, persona):
    add(network, 1)
    response = assert_same_query_count(client_for(persona), PAGE, lambda: add(network, 49))
    assert response.status_code == 200


# Abilities are handed to templates as frozen booleans, built in permissions


def test_the_members_page_rows_carry_frozen_abilities(client_for, network):
    import dataclasses

    from members.permissions.memberships import MembershipAbilities

    response = client_for("referent").get(PAGE)
    abilities = {row["membership"].user_id: row["can"] for row in response.context["member_rows"]}
    assert all(isinstance(can, MembershipAbilities) for can in abilities.values())
    assert abilities[network.referent.pk] == MembershipAbilities(change_role=False, deactivate=False)
    assert abilities[network.adviser.pk] == MembershipAbilities(change_role=True, deactivate=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        abilities[network.adviser.pk].deactivate = False


def test_templates_of_memberships_and_structures_compare_no_strings():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    names = ["structure_*", "membership_*", "invitation_*", "join_request_*", "people_directory*", "profile_edit*"]
    paths = [path for name in names for path in (root / "members").glob(name)]
    paths += [root / "members" / "_todo_join_requests.html", *(root / "emails").iterdir()]
    offenders = [path.name for path in paths if re.search(r"\{%\s*(el)?if [^%]*[=!]=\s*[\"']", path.read_text())]
    assert offenders == []
