from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("structures/", views.structure_directory, name="structure_directory"),
    path(
        "structures/rejoindre/", views.join_request_create, name="join_request_create"
    ),
    path(
        "structures/demandes/<int:pk>/accepter/",
        views.join_request_decide,
        {"decision": "accepter"},
        name="join_request_accept",
    ),
    path(
        "structures/demandes/<int:pk>/refuser/",
        views.join_request_decide,
        {"decision": "refuser"},
        name="join_request_refuse",
    ),
    path("structures/<slug:slug>/", views.structure_detail, name="structure_detail"),
    path(
        "structures/<slug:slug>/inviter/",
        views.invitation_create,
        name="invitation_create",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("annuaire/", views.people_directory, name="people_directory"),
    path("charte/", views.charter, name="charter"),
    path("coordination/", views.coordination, name="coordination"),
]
