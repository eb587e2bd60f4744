"""The forum's first categories: one per constitutive mission, then the themes advisers asked for.

Created by migration 0002 (and again by `seed_demo` where a test flushed them); coordinators adapt them afterwards.
"""

CATEGORIES = [
    # slug, name, kind, mission code, description
    (
        "accueil",
        "Accueil",
        "mission",
        "accueil",
        "Premier contact, primo-accueil, orientation vers le bon interlocuteur.",
    ),
    ("information", "Information", "mission", "information", "Métiers, formations, droits : informer juste et à jour."),
    ("conseil", "Conseil", "mission", "conseil", "Entretiens de conseil, bilans, projets professionnels."),
    (
        "accompagnement",
        "Accompagnement",
        "mission",
        "accompagnement",
        "Suivre une personne dans la durée : VAE, reconversion, parcours.",
    ),
    ("outils", "Outils et méthodes", "theme", "", "Supports d'entretien, ateliers, outils numériques."),
    ("partenariats", "Partenariats", "theme", "", "Travailler ensemble entre structures du réseau et au-delà."),
    ("veille", "Veille", "theme", "", "Réformes, dispositifs, appels à projets : ce qui change."),
    (
        "professionnalisation",
        "Professionnalisation",
        "theme",
        "",
        "Formations, analyse de pratiques, déontologie du conseil.",
    ),
]


def ensure_categories(category_model, mission_model):
    """Create the categories that are missing; never changes one a coordinator has adapted."""
    missions = {mission.code: mission for mission in mission_model.objects.all()}
    for position, (slug, name, kind, mission_code, description) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "mission": missions.get(mission_code),
                "description": description,
                "position": position,
            },
        )
