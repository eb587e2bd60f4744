from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("communaute/", views.forum, name="forum"),
    path("ressources/", views.resources, name="resources"),
    path("recherche/", views.search, name="search"),
]
