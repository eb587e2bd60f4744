from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicateurs/", views.dashboard, name="dashboard"),
]
