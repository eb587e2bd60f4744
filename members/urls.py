from django.urls import path

from .views import home, joining, placeholders, structures

app_name = "members"

urlpatterns = [
    path("", home.home, name="home"),
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
    path("structures/<slug:slug>/", structures.structure_detail, name="structure_detail"),
    path("structures/<slug:slug>/inviter/", joining.invitation_create, name="invitation_create"),
    path("annuaire/", placeholders.people_directory, name="people_directory"),
    path("charte/", placeholders.charter, name="charter"),
    path("coordination/", placeholders.coordination, name="coordination"),
]
