"""Full-text search on PostgreSQL: a French configuration that ignores accents, a stored vector on topics, posts
and resources, their GIN indexes, and the vectors of the rows already there.

On SQLite the columns are added and stay null (search falls back to spro_portal.search's unaccent lookup): the
configuration, the indexes and the vectors exist on PostgreSQL only, so they are written here rather than in
Meta.indexes, whose GIN index SQLite could not build (nor rebuild when it remakes a table).
"""

import django.contrib.postgres.search
from django.db import migrations

CONFIGURATION = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END $$;
"""
INDEXES = [
    "CREATE INDEX IF NOT EXISTS practices_topic_search ON practices_topic USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS practices_post_search ON practices_post USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS practices_resource_search ON practices_resource USING gin (search_vector)",
]
# The same vectors as practices.services.search builds, for the rows written before this migration.
FILL = [
    """UPDATE practices_post SET search_vector =
        setweight(to_tsvector('french_unaccent', coalesce(body, '')), 'B')""",
    """UPDATE practices_topic SET search_vector =
        setweight(to_tsvector('french_unaccent', coalesce(title, '')), 'A')
        || setweight(to_tsvector('french_unaccent', replace(coalesce(tags, ''), ',', ' ')), 'B')
        || setweight(to_tsvector('french_unaccent', coalesce((
            SELECT body FROM practices_post
            WHERE topic_id = practices_topic.id AND number = 1 AND NOT is_hidden), '')), 'B')""",
    """UPDATE practices_resource SET search_vector =
        setweight(to_tsvector('french_unaccent', coalesce(title, '')), 'A')
        || setweight(to_tsvector('french_unaccent', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('french_unaccent', replace(coalesce(tags, ''), ',', ' ')), 'B')""",
]


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIGURATION)
    for statement in INDEXES + FILL:
        schema_editor.execute(statement)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("practices_topic_search", "practices_post_search", "practices_resource_search"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_topic_about_resource"),
        ("spro_portal", "0001_unaccent_extension"),  # the unaccent dictionary
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="topic",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search, drop_search),
    ]
