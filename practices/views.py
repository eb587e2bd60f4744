from django.shortcuts import render

from .permissions import members_only


@members_only
def forum(request):
    return render(
        request,
        "coming_soon.html",
        {
            "title": "Communauté de pratique",
            "what": "Posez une question dans la catégorie de votre mission, répondez aux collègues des autres "
            "structures, marquez la réponse qui vous a aidé·e et suivez les groupes de travail.",
        },
    )


@members_only
def resources(request):
    return render(
        request,
        "coming_soon.html",
        {
            "title": "Ressources partagées",
            "what": "Partagez vos outils, modèles et pratiques avec leur licence ; racontez comment vous avez "
            "adapté ceux des autres.",
        },
    )


@members_only
def search(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Recherche", "what": "Cherchez dans le forum et la bibliothèque de ressources."},
    )
