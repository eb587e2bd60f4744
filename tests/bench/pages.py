"""Benchmark of the main pages on a large demo network: time per request and SQL queries, printed as a table.

    make bench                      # SQLite in a temporary file, demo network at --scale 10
    BENCH_SCALE=5 make bench        # another scale
    DATABASE_URL=postgres://… make bench   # on PostgreSQL (the database is flushed and reseeded)

Not a test: it measures, it does not assert. Run through the Django test client (no network, no gunicorn), so the
figures are the application's own cost: views, templates, ORM and database.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["DEBUG"] = "true"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
SCALE = float(os.environ.get("BENCH_SCALE", "10"))

PAGES = [
    ("visiteur", None, "/"),
    ("visiteur", None, "/structures/"),
    ("visiteur", None, "/structures/?territory=pays-de-brest&mission=conseil"),
    ("référente", "referent@demo.spro.fr", "/"),
    ("référente", "referent@demo.spro.fr", "/charte/"),
    ("référente", "referent@demo.spro.fr", "/charte/engagements/"),
    ("référente", "referent@demo.spro.fr", "/structures/cio-de-brest/membres/"),
    ("conseiller", "conseiller@demo.spro.fr", "/annuaire/"),
    ("coordination", "coordination@demo.spro.fr", "/coordination/"),
    ("coordination", "coordination@demo.spro.fr", "/coordination/?status="),
    ("coordination", "coordination@demo.spro.fr", "/coordination/vue-d-ensemble/"),
    ("coordination", "coordination@demo.spro.fr", "/coordination/structures.csv"),
]


def measure(client, path):
    client.get(path)  # warm caches (templates, first query plans)
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return response.status_code, statistics.median(timings), p95, len(queries)


def main():
    from django.test.utils import setup_test_environment

    setup_test_environment()  # locmem email, and the client may log in without the rate limits of a real browser
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=SCALE, stdout=io.StringIO())
    seeded = time.perf_counter() - started
    from members.models import CommitmentSet, Structure, User

    print(f"Base : {connection.vendor}, échelle {SCALE:g} : {Structure.objects.count()} structures, "
          f"{User.objects.count()} personnes, {CommitmentSet.objects.count()} dossiers d'engagements "
          f"(seed_demo : {seeded:.1f} s). {REPEAT} requêtes par page.")  # fmt: skip
    print(f"{'qui':<13} {'page':<58} {'statut':>6} {'médiane':>9} {'p95':>9} {'requêtes SQL':>13}")
    clients = {}
    from members.models import User as UserModel

    for who, email, path in PAGES:
        if email not in clients:
            client = Client()
            if email:
                client.force_login(UserModel.objects.get(email=email))
            clients[email] = client
        status, median, p95, count = measure(clients[email], path)
        print(f"{who:<13} {path:<58} {status:>6} {median:>7.1f} ms {p95:>6.1f} ms {count:>13}")
    reset_queries()


if __name__ == "__main__":
    main()
