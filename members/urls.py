from django.urls import path

from .views import charter, commitments, coordination, joining, memberships, people, structures

app_name = "members"

urlpatterns = [
    # Public directory and structure pages
    path("structures/", structures.structure_directory, name="structure_directory"),
    # Joining the network: invitations and join requests
    path("structures/rejoindre/", joining.join_request_create, name="join_request_create"),
    path(
        "structures/demandes/<int:pk>/accepter/",
        joining.join_request_decide,
        {"decision": "accepter"},
        name="join_request_accept",
    ),
    path(
        "structures/demandes/<int:pk>/refuser/",
        joining.join_request_decide,
        {"decision": "refuser"},
        name="join_request_refuse",
    ),
    path("invitation/<str:token>/", joining.invitation_accept, name="invitation_accept"),
    # -- structures and people (profiles, directory, label status) --
    path("structures/<slug:slug>/", structures.structure_detail, name="structure_detail"),
    path("structures/<slug:slug>/modifier/", structures.structure_edit, name="structure_edit"),
    path("structures/<slug:slug>/labellisation/", structures.structure_label, name="structure_label"),
    path("annuaire/", people.people_directory, name="people_directory"),
    path("compte/profil/", people.profile_edit, name="profile_edit"),
    # -- membership management --
    path("structures/<slug:slug>/membres/", memberships.membership_list, name="membership_list"),
    path(
        "structures/<slug:slug>/membres/<int:pk>/role/",
        memberships.membership_change_role,
        name="membership_change_role",
    ),
    path(
        "structures/<slug:slug>/membres/<int:pk>/desactiver/",
        memberships.membership_deactivate,
        name="membership_deactivate",
    ),
    path(
        "structures/<slug:slug>/membres/<int:pk>/reactiver/",
        memberships.membership_reactivate,
        name="membership_reactivate",
    ),
    path(
        "structures/<slug:slug>/membres/invitations/<int:pk>/renvoyer/",
        memberships.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "structures/<slug:slug>/membres/invitations/<int:pk>/annuler/",
        memberships.invitation_revoke,
        name="invitation_revoke",
    ),
    # -- charter and commitments --
    path("charte/", charter.charter, name="charter"),
    path("charte/signer/", charter.charter_sign, name="charter_sign"),
    path("charte/versions/nouvelle/", charter.charter_version_create, name="charter_version_create"),
    path("charte/versions/<int:pk>/", charter.charter_version_detail, name="charter_version_detail"),
    path("charte/versions/<int:pk>/modifier/", charter.charter_version_update, name="charter_version_update"),
    path("charte/versions/<int:pk>/publier/", charter.charter_version_publish, name="charter_version_publish"),
    path("charte/versions/<int:pk>/copier/", charter.charter_version_copy, name="charter_version_copy"),
    path("charte/engagements/", commitments.commitments, name="commitments"),
    path("charte/engagements/commencer/", commitments.commitments_start, name="commitments_start"),
    path("charte/engagements/<int:pk>/enregistrer/", commitments.commitments_save, name="commitments_save"),
    path("charte/engagements/<int:pk>/deposer/", commitments.commitments_submit, name="commitments_submit"),
    path(
        "charte/engagements/engagement/<int:pk>/preuves/lien/",
        commitments.evidence_add_link,
        name="evidence_add_link",
    ),
    path(
        "charte/engagements/engagement/<int:pk>/preuves/fichier/",
        commitments.evidence_add_file,
        name="evidence_add_file",
    ),
    path("charte/engagements/<slug:slug>/", commitments.structure_commitments, name="structure_commitments"),
    path("charte/preuves/<int:pk>/", commitments.evidence_download, name="evidence_download"),
    path("charte/preuves/<int:pk>/retirer/", commitments.evidence_remove, name="evidence_remove"),
    # -- coordination: review queue, reviews, overview --
    path("coordination/", coordination.review_queue, name="coordination"),
    path("coordination/revues/<int:set_id>/", coordination.review, name="review"),
    path("coordination/cycles/", coordination.review_cycles, name="review_cycles"),
    path("coordination/vue-d-ensemble/", coordination.overview, name="coordination_overview"),
    path("coordination/vue-d-ensemble/export.csv", coordination.overview_csv, name="coordination_overview_csv"),
    path("coordination/structures.csv", coordination.structures_csv, name="coordination_structures_csv"),
    path("structures/<slug:slug>/inviter/", joining.invitation_create, name="invitation_create"),
]
