"""Time the pages a bench data module offers the load run (loadkit.py), with Django's test client, before the
load harness drives them under gunicorn: median and p95 over the requests, SQL queries per request.

    DATABASE_URL=postgres://…/spro_bench .venv/bin/python tests/bench/app_pages.py indicator_data resource_data

Uses the database as it is (run `seed_demo --scale 7.5` on it first); each module's ensure_loaded runs first.
Not a test: it measures, it does not assert. Every path of a page is requested BENCH_REPEAT times
(BENCH_PER_PATH=1 prints each path's median too).
"""

import importlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro_portal.settings")
os.environ["DEBUG"] = "true"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
PER_PATH = os.environ.get("BENCH_PER_PATH") == "1"  # also a line per path


def measure(page):
    from members.models import User

    client = Client()
    client.force_login(User.objects.get(email=page.email))
    timings, queries, statuses = [], [], set()
    for path in page.paths:
        client.get(path)  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries.append(len(captured))
        statuses.add(response.status_code)
        mine = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            client.get(path)
            mine.append((time.perf_counter() - start) * 1000)
        timings += mine
        if PER_PATH:
            print(f"  {path:<70} {response.status_code} {statistics.median(mine):>6.1f} ms {queries[-1]:>4} requêtes")
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statuses, statistics.median(timings), p95, min(queries), max(queries)


def main(names):
    setup_test_environment()
    modules = [importlib.import_module(f"tests.bench.{name}") for name in names]
    for module in modules:
        module.ensure_loaded(print)
    print(f"Base : {connection.vendor}. {REPEAT} requêtes par chemin.")
    print(f"{'page':<26} {'chemins':>7} {'statuts':>9} {'médiane':>9} {'p95':>9} {'requêtes SQL':>13}")
    for module in modules:
        for page in module.load_pages():
            statuses, median, p95, low, high = measure(page)
            counts = f"{low}" if low == high else f"{low}–{high}"
            status = ",".join(str(s) for s in sorted(statuses))
            print(f"{page.name:<26} {len(page.paths):>7} {status:>9} {median:>6.1f} ms {p95:>6.1f} ms {counts:>13}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["indicator_data", "resource_data"])
