from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Administration du portail SPRO"
admin.site.site_title = "Portail SPRO"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("spro_portal.digest.urls")),  # /compte/preferences/…, before allauth's /compte/
    path("", include("spro_portal.privacy.urls")),  # /compte/sessions/…, /donnees-personnelles/…
    path("compte/session/", views.session_status, name="session_status"),
    path("compte/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("practices.urls")),
    path("", include("indicators.urls")),
]
