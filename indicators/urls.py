from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicateurs/", views.dashboard, name="dashboard"),
    path("indicateurs/propositions/", views.proposal_list, name="proposal_list"),
    path("indicateurs/propositions/nouvelle/", views.proposal_create, name="proposal_create"),
    path("indicateurs/propositions/<id:pk>/", views.proposal_detail, name="proposal_detail"),
    path("indicateurs/propositions/<id:pk>/modifier/", views.proposal_edit, name="proposal_edit"),
    path("indicateurs/propositions/<id:pk>/commenter/", views.proposal_comment, name="proposal_comment"),
    path("indicateurs/propositions/<id:pk>/position/", views.proposal_position, name="proposal_position"),
    path(
        "indicateurs/propositions/<id:pk>/objections/<id:position_pk>/repondre/",
        views.objection_answer,
        name="objection_answer",
    ),
    path(
        "indicateurs/propositions/<id:pk>/discussion/",
        views.proposal_open_discussion,
        name="proposal_open_discussion",
    ),
    path("indicateurs/propositions/<id:pk>/decision/", views.proposal_decide, name="proposal_decide"),
    path("indicateurs/propositions/<id:pk>/retirer/", views.proposal_withdraw, name="proposal_withdraw"),
    path("indicateurs/campagnes/", views.campaign_list, name="campaign_list"),
    path("indicateurs/campagnes/nouvelle/", views.campaign_create, name="campaign_create"),
    path("indicateurs/campagnes/<id:pk>/", views.campaign_detail, name="campaign_detail"),
    path("indicateurs/campagnes/<id:pk>/structures/<slug:slug>/", views.report_detail, name="report_detail"),
    path("indicateurs/campagnes/<id:pk>/structures/<slug:slug>/enregistrer/", views.report_save, name="report_save"),
    path(
        "indicateurs/campagnes/<id:pk>/structures/<slug:slug>/modele.csv",
        views.report_csv_template,
        name="report_csv_template",
    ),
    path(
        "indicateurs/campagnes/<id:pk>/structures/<slug:slug>/importer/",
        views.report_csv_upload,
        name="report_csv_upload",
    ),
    path("indicateurs/campagnes/<id:pk>/structures/<slug:slug>/decision/", views.report_decide, name="report_decide"),
    path("indicateurs/campagnes/<id:pk>/structures/<slug:slug>/rouvrir/", views.report_reopen, name="report_reopen"),
    path("indicateurs/a-valider/", views.reports_to_validate, name="reports_to_validate"),
    path("indicateurs/<slug:slug>/", views.indicator_detail, name="indicator_detail"),
    path("indicateurs/<slug:slug>/export.csv", views.indicator_csv, name="indicator_csv"),
]
