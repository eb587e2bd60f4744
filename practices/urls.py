from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("communaute/", views.forum, name="forum"),
    path("communaute/categories/<slug:slug>/", views.category, name="category"),
    path("communaute/categories/<slug:slug>/modifier/", views.category_edit, name="category_edit"),
    path("communaute/nouvelle-categorie/", views.category_create, name="category_create"),
    path("communaute/mes-questions/", views.my_topics, name="my_topics"),
    path("communaute/nouveau/", views.topic_create, name="topic_create"),
    path("communaute/suggestions/", views.topic_suggestions, name="topic_suggestions"),
    path("communaute/sujets/<id:pk>/", views.topic, name="topic"),
    path("communaute/sujets/<id:pk>/repondre/", views.topic_reply, name="topic_reply"),
    path("communaute/sujets/<id:pk>/solution/retirer/", views.solution_unmark, name="solution_unmark"),
    path("communaute/messages/<id:pk>/", views.post, name="post"),
    path("communaute/messages/<id:pk>/modifier/", views.post_edit, name="post_edit"),
    path("communaute/messages/<id:pk>/versions/", views.post_revisions, name="post_revisions"),
    path("communaute/messages/<id:pk>/utile/", views.post_reaction, name="post_reaction"),
    path("communaute/messages/<id:pk>/solution/", views.solution_mark, name="solution_mark"),
    path("communaute/groupes/", views.groups, name="groups"),
    path("communaute/groupes/<slug:slug>/", views.group, name="group"),
    path("communaute/groupes/<slug:slug>/rejoindre/", views.group_join, name="group_join"),
    path("communaute/groupes/<slug:slug>/quitter/", views.group_leave, name="group_leave"),
    path("communaute/groupes/<slug:slug>/demandes/<id:pk>/", views.group_decide, name="group_decide"),
    path("ressources/", views.resources, name="resources"),
    path("ressources/partager/", views.resource_create, name="resource_create"),
    path("ressources/<id:pk>/", views.resource, name="resource"),
    path("ressources/<id:pk>/modifier/", views.resource_edit, name="resource_edit"),
    path("ressources/<id:pk>/nouvelle-version/", views.resource_add_version, name="resource_add_version"),
    path("ressources/<id:pk>/retirer/", views.resource_withdraw, name="resource_withdraw"),
    path("ressources/<id:pk>/reutilisations/", views.reuse_story_create, name="reuse_story_create"),
    path("ressources/fichiers/<id:pk>/", views.resource_download, name="resource_download"),
    path("recherche/", views.search, name="search"),
]
