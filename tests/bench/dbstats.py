"""After a bulk load, PostgreSQL's planner knows nothing of the new rows until autovacuum gets to them, and may
pick nested loops fit for a handful of rows: the bench data modules refresh the statistics of their tables."""

from django.db import connection


def analyze(*models):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
