from django.shortcuts import render

from .. import permissions


@permissions.members_only
def people_directory(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Annuaire des personnes", "what": _COMING["annuaire"]},
    )


@permissions.members_only
def charter(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Charte du SPRO", "what": _COMING["charte"]},
    )


@permissions.coordinators_only
def coordination(request):
    return render(
        request,
        "coming_soon.html",
        {"title": "Coordination", "what": _COMING["coordination"]},
    )


_COMING = {
    "annuaire": "Retrouvez les conseiller·ères du réseau, leur structure et leurs domaines d'expertise, "
    "pour trouver le ou la collègue qui complète vos compétences.",
    "charte": "Lisez la charte du SPRO, signez la version en vigueur pour votre structure et décrivez "
    "comment vous tenez chacun de vos engagements.",
    "coordination": "La file de revue des engagements, les statuts de labellisation, la vue d'ensemble par "
    "territoire et la vie du réseau.",
}
