from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    # -- public pages a French public-service site owes its users --
    path("donnees-personnelles/", views.personal_data_page, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("plan-du-site/", views.site_map, name="site_map"),
    # -- « Mes données »: the person's archive of everything the portal holds about them --
    path("compte/mes-donnees/", views.data_export, name="data_export"),
    path("compte/mes-donnees/demander/", views.data_export_create, name="data_export_create"),
    path("compte/mes-donnees/<id:pk>/telecharger/", views.data_export_download, name="data_export_download"),
    # -- the person's sessions --
    path("compte/sessions/", views.sessions_list, name="sessions"),
    path("compte/sessions/<id:pk>/deconnecter/", views.session_end, name="session_end"),
    path("compte/sessions/tout-deconnecter/", views.sessions_end_all, name="sessions_end_all"),
]
