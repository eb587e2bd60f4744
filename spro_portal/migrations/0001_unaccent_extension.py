from django.db import migrations


def create_unaccent_extension(apps, schema_editor):
    # spro_portal.search needs UNACCENT(); SQLite gets a Python function on each connection instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = []

    # Left in place when migrating back: other databases objects may rely on the extension.
    operations = [migrations.RunPython(create_unaccent_extension, migrations.RunPython.noop)]
