"""What is already loaded in the load run's database: one row per data set, in a small table of the bench's own.

The load run (tests/bench/load.py) and each bench data module record here what they loaded (a version string and,
for the forum, the data set's fingerprint), so a later `make bench` reuses the data instead of loading it again.
The table lives only in the bench database; it is not a model of the portal, so it has no migration.
"""

from django.db import connection

TABLE = "bench_dataset_marker"


def _ensure_table():
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(name varchar(60) PRIMARY KEY, value text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())"
        )


def table_exists():
    return TABLE in connection.introspection.table_names()


def get(name):
    """The value recorded for `name`, or None when that data set was never loaded here."""
    if not table_exists():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {TABLE} WHERE name = %s", [name])
        row = cursor.fetchone()
    return row[0] if row else None


def put(name, value):
    _ensure_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (name, value) VALUES (%s, %s) "
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, loaded_at = now()",
            [name, value],
        )


def forget_all():
    if table_exists():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")


def everything():
    """{name: {"value", "loaded_at"}} for the results file."""
    if not table_exists():
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, value, loaded_at FROM {TABLE} ORDER BY name")
        return {name: {"value": value, "loaded_at": loaded_at.isoformat()} for name, value, loaded_at in cursor}
