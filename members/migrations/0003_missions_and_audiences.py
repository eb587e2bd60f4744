from django.db import migrations

from members.reference_data import ensure_reference_data


def create(apps, schema_editor):
    ensure_reference_data(apps.get_model("members", "Mission"), apps.get_model("members", "Audience"))


class Migration(migrations.Migration):
    dependencies = [("members", "0002_charter_commitments_profiles")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
