"""Fixed reference lists: the four missions of the SPRO and the audiences structures serve.

Created by migration 0003; `ensure_reference_data()` recreates them where a test flushed the tables.
"""

MISSIONS = [
    ("accueil", "Accueil"),
    ("information", "Information"),
    ("conseil", "Conseil"),
    ("accompagnement", "Accompagnement"),
]
AUDIENCES = [
    ("jeunes", "Jeunes (16-25 ans)"),
    ("scolaires", "Élèves et étudiant·es"),
    ("demandeurs-emploi", "Demandeurs d'emploi"),
    ("salaries", "Salarié·es"),
    ("handicap", "Personnes en situation de handicap"),
    ("independants", "Travailleur·ses indépendant·es et créateur·rices d'entreprise"),
    ("cadres", "Cadres"),
    ("parents", "Parents et familles"),
]


def ensure_reference_data(mission_model, audience_model):
    for position, (code, name) in enumerate(MISSIONS):
        mission_model.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    for position, (code, name) in enumerate(AUDIENCES):
        audience_model.objects.update_or_create(code=code, defaults={"name": name, "position": position})
