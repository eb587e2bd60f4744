"""Time the pages a bench data module offers the load run (loadkit.py), with Django's test client, before the
load harness drives them under gunicorn: median and p95 over the requests, SQL queries per request.

    DATABASE_URL=postgres://…/spro_bench .venv/bin/python tests/bench/app_pages.py indicator_data resource_data

Uses the database as it is (run `seed_demo --scale 9` on it first, as the load run does); each module's
ensure_loaded runs first.
Not a test: it measures, it does not assert. Besides wall-clock median and p95, it prints the median CPU time of
the Django process and the median SQL time per request, which a machine busy with other work blurs less.
Every path of a page is requested BENCH_REPEAT times
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
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
PER_PATH = os.environ.get("BENCH_PER_PATH") == "1"  # also a line per path


def measure(page):
    """Wall-clock times of every request, plus what a loaded machine blurs less: the CPU time of this process
    (views, templates, ORM) and the time the database reported for its queries, each a median per request."""
    from members.models import User

    client = Client()
    client.force_login(User.objects.get(email=page.email))
    timings, cpu, sql, queries, statuses = [], [], [], [], set()
    for path in page.paths:
        client.get(path)  # warm up
        mine, mine_cpu = [], []
        for _ in range(REPEAT):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            mine.append((time.perf_counter() - start) * 1000)
            mine_cpu.append((time.process_time() - start_cpu) * 1000)
        cpu += mine_cpu
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries.append(len(captured))
        statuses.add(response.status_code)
        timings += mine
        if PER_PATH:
            print(
                f"  {path:<70} {response.status_code} {statistics.median(mine):>6.1f} ms "
                f"(CPU {statistics.median(mine_cpu):>5.1f} ms, SQL {statistics.median(sql[-3:]):>5.1f} ms) "
                f"{queries[-1]:>3} requêtes"
            )
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return {
        "statuses": statuses,
        "median": statistics.median(timings),
        "p95": p95,
        "cpu": statistics.median(cpu),
        "sql": statistics.median(sql),
        "queries": (min(queries), max(queries)),
    }


def main(names):
    # No setup_test_environment(): it instruments every template render for the test client's assertions, which
    # costs as much as the rendering itself and is not what gunicorn runs.
    modules = [importlib.import_module(f"tests.bench.{name}") for name in names]
    for module in modules:
        module.ensure_loaded(print)
    print(f"Base : {connection.vendor}. {REPEAT} requêtes par chemin. Charge de la machine : {os.getloadavg()[0]:.1f}")
    print(f"{'page':<22} {'chemins':>7} {'statuts':>7} {'médiane':>9} {'p95':>9} {'CPU':>8} {'SQL':>8} {'requêtes':>9}")
    for module in modules:
        for page in module.load_pages():
            m = measure(page)
            low, high = m["queries"]
            counts = f"{low}" if low == high else f"{low}–{high}"
            status = ",".join(str(s) for s in sorted(m["statuses"]))
            print(
                f"{page.name:<22} {len(page.paths):>7} {status:>7} {m['median']:>6.1f} ms {m['p95']:>6.1f} ms "
                f"{m['cpu']:>5.1f} ms {m['sql']:>5.1f} ms {counts:>9}"
            )
    print(f"Charge de la machine à la fin : {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["indicator_data", "resource_data"])
