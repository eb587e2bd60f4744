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
    # -- watching, notifications, reports and moderation --
    path("communaute/categories/<slug:slug>/suivi/", views.category_watch, name="category_watch"),
    path("communaute/sujets/<id:pk>/suivi/", views.topic_watch, name="topic_watch"),
    path("communaute/groupes/<slug:slug>/suivi/", views.group_watch, name="group_watch"),
    path("communaute/notifications/", views.notifications, name="notifications"),
    path("communaute/notifications/tout-lu/", views.notifications_read_all, name="notifications_read_all"),
    path("communaute/notifications/<id:pk>/", views.notification_open, name="notification_open"),
    path("communaute/messages/<id:pk>/signaler/", views.post_report, name="post_report"),
    path("coordination/moderation/", views.moderation, name="moderation"),
    path("coordination/moderation/messages/<id:pk>/masquer/", views.post_hide, name="post_hide"),
    path("coordination/moderation/messages/<id:pk>/retablir/", views.post_restore, name="post_restore"),
    path("coordination/moderation/signalements/<id:pk>/classer/", views.report_dismiss, name="report_dismiss"),
    path("coordination/moderation/sujets/<id:pk>/", views.topic_moderate, name="topic_moderate"),
    path("coordination/moderation/sujets/<id:pk>/deplacer/", views.topic_move, name="topic_move"),
    path("ressources/", views.resources, name="resources"),
    path("recherche/", views.search, name="search"),
]
