from django.shortcuts import render

from .permissions import members_only


@members_only
def dashboard(request):
    return render(
        request,
        "coming_soon.html",
        {
            "title": "Indicateurs",
            "what": "Proposez et discutez les indicateurs du réseau, saisissez les valeurs de votre structure lors "
            "des campagnes et consultez les tableaux de bord.",
        },
    )
