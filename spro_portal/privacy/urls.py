from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("compte/sessions/", views.sessions_list, name="sessions"),
    path("compte/sessions/<id:pk>/deconnecter/", views.session_end, name="session_end"),
    path("compte/sessions/tout-deconnecter/", views.sessions_end_all, name="sessions_end_all"),
]
