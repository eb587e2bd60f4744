from django.urls import path

from . import views

app_name = "digest"

urlpatterns = [
    path("compte/preferences/", views.preferences_edit, name="preferences"),
    path("compte/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("compte/resume/<str:period>/", views.browser, name="browser"),
]
