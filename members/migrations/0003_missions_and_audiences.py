from django.db import migrations

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


def create(apps, schema_editor):
    Mission = apps.get_model("members", "Mission")
    Audience = apps.get_model("members", "Audience")
    for position, (code, name) in enumerate(MISSIONS):
        Mission.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    for position, (code, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("members", "0002_charter_commitments_profiles")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
