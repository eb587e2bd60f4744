from django.urls import path

from .views import accounts, charter, commitments, memberships, reviews, structures

app_name = "members"

urlpatterns = [
    # -- structures and people: directories, structure pages, profiles, label status --
    path("structures/", structures.structure_directory, name="structure_directory"),
    path("annuaire/", structures.people_directory, name="people_directory"),
    path("compte/profil/", structures.profile_edit, name="profile_edit"),
    path("compte/fermer/", accounts.account_close, name="account_close"),
    # -- join requests (before structures/<slug>/, which would take "rejoindre" for a slug) --
    path("structures/rejoindre/", memberships.join_request_create, name="join_request_create"),
    path("structures/demandes/<id:pk>/accepter/", memberships.join_request_accept, name="join_request_accept"),
    path("structures/demandes/<id:pk>/refuser/", memberships.join_request_refuse, name="join_request_refuse"),
    path("structures/<slug:slug>/", structures.structure_detail, name="structure_detail"),
    path("structures/<slug:slug>/modifier/", structures.structure_edit, name="structure_edit"),
    path("structures/<slug:slug>/labellisation/", structures.structure_label, name="structure_label"),
    # -- memberships --
    path("structures/<slug:slug>/membres/", memberships.membership_list, name="membership_list"),
    path(
        "structures/<slug:slug>/membres/<id:pk>/role/",
        memberships.membership_change_role,
        name="membership_change_role",
    ),
    path(
        "structures/<slug:slug>/membres/<id:pk>/desactiver/",
        memberships.membership_deactivate,
        name="membership_deactivate",
    ),
    path(
        "structures/<slug:slug>/membres/<id:pk>/reactiver/",
        memberships.membership_reactivate,
        name="membership_reactivate",
    ),
    # -- invitations --
    path("structures/<slug:slug>/inviter/", memberships.invitation_create, name="invitation_create"),
    path("invitation/<str:token>/", memberships.invitation_accept, name="invitation_accept"),
    path(
        "structures/<slug:slug>/membres/invitations/<id:pk>/renvoyer/",
        memberships.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "structures/<slug:slug>/membres/invitations/<id:pk>/annuler/",
        memberships.invitation_revoke,
        name="invitation_revoke",
    ),
    # -- charter and commitments --
    path("charte/", charter.charter, name="charter"),
    path("charte/signer/", charter.charter_sign, name="charter_sign"),
    path("charte/versions/nouvelle/", charter.charter_version_create, name="charter_version_create"),
    path("charte/versions/<id:pk>/", charter.charter_version_detail, name="charter_version_detail"),
    path("charte/versions/<id:pk>/modifier/", charter.charter_version_update, name="charter_version_update"),
    path("charte/versions/<id:pk>/publier/", charter.charter_version_publish, name="charter_version_publish"),
    path("charte/versions/<id:pk>/copier/", charter.charter_version_copy, name="charter_version_copy"),
    path("charte/engagements/", commitments.commitments, name="commitments"),
    path("charte/engagements/commencer/", commitments.commitments_start, name="commitments_start"),
    path("charte/engagements/<id:pk>/enregistrer/", commitments.commitments_save, name="commitments_save"),
    path("charte/engagements/<id:pk>/deposer/", commitments.commitments_submit, name="commitments_submit"),
    path(
        "charte/engagements/engagement/<id:pk>/preuves/lien/",
        commitments.evidence_add_link,
        name="evidence_add_link",
    ),
    path(
        "charte/engagements/engagement/<id:pk>/preuves/fichier/",
        commitments.evidence_add_file,
        name="evidence_add_file",
    ),
    path("charte/engagements/<slug:slug>/", commitments.structure_commitments, name="structure_commitments"),
    path("charte/preuves/<id:pk>/", commitments.evidence_download, name="evidence_download"),
    path("charte/preuves/<id:pk>/retirer/", commitments.evidence_remove, name="evidence_remove"),
    # -- coordination: review queue, reviews, overview --
    path("coordination/", reviews.review_queue, name="coordination"),
    path("coordination/revues/<id:set_id>/", reviews.review, name="review"),
    path("coordination/cycles/", reviews.review_cycles, name="review_cycles"),
    path("coordination/vue-d-ensemble/", reviews.overview, name="coordination_overview"),
    path("coordination/vue-d-ensemble/export.csv", reviews.overview_csv, name="coordination_overview_csv"),
    path("coordination/structures.csv", reviews.structures_csv, name="coordination_structures_csv"),
    path("coordination/fermetures/", accounts.account_closures, name="account_closures"),
    path(
        "coordination/fermetures/<id:pk>/confirmer/", accounts.account_closure_confirm, name="account_closure_confirm"
    ),
]
