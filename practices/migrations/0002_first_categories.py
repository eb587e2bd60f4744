from django.db import migrations

from practices.reference_data import ensure_categories


def create(apps, schema_editor):
    ensure_categories(apps.get_model("practices", "Category"), apps.get_model("members", "Mission"))


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("members", "0003_missions_and_audiences"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
