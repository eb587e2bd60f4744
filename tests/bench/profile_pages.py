"""Where a load-run page spends its time, in process: the pages of the load run (tests/bench/load.py) requested through
the Django test client with production-like settings (DEBUG off, Redis cache, cached sessions), on the bench
database that `load.py --prepare` filled.

    .venv/bin/python tests/bench/profile_pages.py                 # every page: ms per request (warm), queries
    .venv/bin/python tests/bench/profile_pages.py topic_first 30  # one page under cProfile, the top 30 functions
    .venv/bin/python tests/bench/profile_pages.py topic_first sql # one page's SQL queries

Not a test and not the load run: no network, no gunicorn, one request at a time, so the figures are the
application's CPU and database time per request, the part a page can change.
"""

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spro_bench")
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
os.environ["MEDIA_ROOT"] = os.environ.get("BENCH_MEDIA_ROOT", str(Path.home() / ".cache" / "spro-bench" / "media"))
os.environ.update(DEBUG="false", SECRET_KEY="profile-" * 8, ALLOWED_HOSTS="testserver", CONN_MAX_AGE="60")
os.environ.update(SECURE_SSL_REDIRECT="false", LOG_LEVEL="WARNING")
os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="spro-profile-static-")  # the manifest DEBUG off needs
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))


def pages():
    from tests.bench import load

    return [page for module in load.data_modules() for page in module.load_pages()]


def client_for(email, clients={}):  # noqa: B006 - one logged-in client per person, kept for the run
    if email not in clients:
        from members.models import User

        client = Client(secure=True)
        client.force_login(User.objects.get(email=email))
        clients[email] = client
    return clients[email]


def measure(page):
    client = client_for(page.email)
    for path in page.paths[:REPEAT]:  # warm: every path measured is in the caches, as in the load run's steady state
        assert client.get(path).status_code == 200, path
    times = []
    for index in range(REPEAT):
        path = page.paths[index % len(page.paths)]
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.paths[0])
    return statistics.median(times), len(queries)


def main():
    from tests.bench.loadkit import LoadPage

    everything = pages()
    everything.append(LoadPage("baseline", ("/compte/session/",), everything[0].email))
    # The layout around a few lines of text: what every page costs before its own content.
    everything.append(LoadPage("layout", ("/mentions-legales/",), everything[0].email))
    if len(sys.argv) > 2 and sys.argv[2] == "sql":
        page = next(p for p in everything if p.name == sys.argv[1])
        client = client_for(page.email)
        measure(page)
        with CaptureQueriesContext(connection) as queries:
            client.get(page.paths[0])
        for query in queries:
            print(f"{query['time']} s  {query['sql'][:600]}\n")
        return
    if len(sys.argv) > 1:
        page = next(p for p in everything if p.name == sys.argv[1])
        top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
        measure(page)
        client = client_for(page.email)
        profile = cProfile.Profile()
        profile.enable()
        for index in range(REPEAT):
            client.get(page.paths[index % len(page.paths)])
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(top)
        pstats.Stats(profile).sort_stats("tottime").print_stats(top)
        return
    print(f"{'page':<18} {'ms (médiane)':>13} {'requêtes SQL':>13}")
    for page in everything:
        ms, queries = measure(page)
        print(f"{page.name:<18} {ms:>13.1f} {queries:>13}")


if __name__ == "__main__":
    main()
