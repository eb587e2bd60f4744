"""Load run of `make bench`: the portal served by gunicorn with production settings, on PostgreSQL and Redis, driven by
locust (20 logged-in users, no think time) on large data sets: the forum's (tests/bench/forum_data.py) and those of
the other data modules listed in DATA_MODULES.

    .venv/bin/python tests/bench/load.py
    BENCH_SECONDS=120 BENCH_ALONE_SECONDS=30 .venv/bin/python tests/bench/load.py
    .venv/bin/python tests/bench/load.py --prepare   # load the data sets, measure nothing (for profiling)

1. The bench database (BENCH_DATABASE_URL, postgres://postgres@127.0.0.1:5432/spro_bench by default; created when
   missing) is migrated; the first time, `seed_demo --scale 9` fills it (360 structures, about 290,000 indicator
   values). A database that holds anything else than what this benchmark wrote is refused: it never touches
   another database.
2. Each data module's `ensure_loaded(log)` loads its data set, or reuses it (tests/bench/markers.py).
3. gunicorn (2 workers × 2 threads, DEBUG off, Redis cache, static files collected in a temporary folder) serves the
   portal on a free loopback port; locust runs the mixed run (every page, BENCH_SECONDS, 60 by default), then each
   page alone (BENCH_ALONE_SECONDS, 30).
4. A table is printed and bench/results/<YYYY-MM-DD>.json written: for each page `rps` (alone), `p50_ms`, `p95_ms`,
   `p99_ms` (mixed) and `errors`; `baseline` is the trivial logged-in view /compte/session/ measured the same way.

Not a test: it measures, it does not assert; the targets are printed next to the figures.
"""

import datetime
import importlib
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# The bench modules whose `ensure_loaded` and `load_pages` join the load run (tests/bench/loadkit.py).
DATA_MODULES = ["forum_data", "resource_data", "indicator_data"]

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/spro_bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
# 9: 360 structures, 307 of them labelled SPRO and so in the indicators' campaigns: 40 indicators × 24 months (and
# 8 quarters) × 307 structures, about 290,000 values (issue 9's bench data set).
SEED_SCALE = float(os.environ.get("BENCH_LOAD_SCALE", "9"))
# The library's files (resource_data) live beside the database, kept from one run to the next like it.
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", str(Path.home() / ".cache" / "spro-bench" / "media"))
MIXED_SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
ALONE_SECONDS = int(os.environ.get("BENCH_ALONE_SECONDS", "30"))
USERS = int(os.environ.get("BENCH_USERS", "20"))
WORKERS, THREADS = 2, 2
BASELINE = "baseline"
BASELINE_PATH = "/compte/session/"
BASE_VERSION = f"seed_demo --scale {SEED_SCALE:g} (2: 40 indicators)"
# Targets of issue 7 for the forum's pages: p95 in the mixed run, throughput alone against the trivial view's.
P95_TARGET_MS = {"search": 200}
P95_DEFAULT_TARGET_MS = 150
RATIO_TARGET = 0.3

# This process and everything it starts use the bench database only, whatever DATABASE_URL the shell exports.
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["MEDIA_ROOT"] = MEDIA_ROOT  # for the loaders here and for gunicorn, which inherits this environment
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro_portal.settings")
os.environ["DEBUG"] = "true"  # seed_demo refuses to run otherwise; gunicorn gets DEBUG=false below
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("LOG_LEVEL", "WARNING")  # seed_demo's in-process Celery tasks would log every one


def log(line):
    print(line, flush=True)


def create_database_if_missing():
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(DATABASE_URL)
    if "postgresql" not in config["ENGINE"]:
        sys.exit(f"La mesure en charge tourne sur PostgreSQL : BENCH_DATABASE_URL={DATABASE_URL} n'en est pas une.")
    try:
        admin = psycopg2.connect(
            dbname="postgres",
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            host=config["HOST"] or None,
            port=config["PORT"] or None,
        )
    except psycopg2.OperationalError as error:
        sys.exit(f"PostgreSQL ne répond pas ({DATABASE_URL}) : {error}")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
            log(f"Base {config['NAME']} créée.")
    admin.close()
    return config["NAME"]


def prepare_database(name):
    """Migrations, then the demo network once. Refuses a database this benchmark did not make."""
    from django.core.management import call_command
    from django.db import connection

    from tests.bench import markers

    tables = connection.introspection.table_names()
    if tables and markers.TABLE not in tables:
        sys.exit(
            f"La base {name} contient déjà des tables qui ne viennent pas de ce banc d'essai : refusé. "
            "Donnez une base à lui seul dans BENCH_DATABASE_URL."
        )
    markers.put("created", name)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if markers.get("base") != BASE_VERSION:
        log(f"Réseau de démonstration : seed_demo --scale {SEED_SCALE:g}…")
        call_command("flush", interactive=False, verbosity=0)
        markers.forget_all()
        markers.put("created", name)
        call_command("seed_demo", scale=SEED_SCALE, stdout=open(os.devnull, "w"))  # noqa: SIM115
        markers.put("base", BASE_VERSION)
    from members.models import Structure, User

    log(f"Base {name} prête en {time.perf_counter() - started:.0f} s : {Structure.objects.count()} structures, "
        f"{User.objects.count()} personnes.")  # fmt: skip


def data_modules():
    return [importlib.import_module(f"tests.bench.{name}") for name in DATA_MODULES]


def load_data(modules):
    from django.test.utils import override_settings

    with override_settings(DEBUG=False):  # no SQL kept in memory while hundreds of thousands of rows go in
        for module in modules:
            module.ensure_loaded(log)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(port, static_root):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "REDIS_"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",  # plain http on loopback; the cookies stay Secure (see the locustfile)
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        CONN_MAX_AGE="60",
        STATIC_ROOT=str(static_root),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def flush_redis():
    """The bench's own Redis database: no fragment cached or login counted by an earlier run."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def start_server(env, port):
    python = Path(sys.executable)
    subprocess.run(
        [str(python), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(python.parent / "gunicorn"),
            "spro_portal.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            "--no-control-socket",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/compte/login/", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.terminate()
    sys.exit("gunicorn n'a pas démarré.")


def run_locust(env, port, pages, workdir):
    spec = {
        "pages": pages,
        "users": USERS,
        "mixed_seconds": MIXED_SECONDS,
        "alone_seconds": ALONE_SECONDS,
        "out": str(workdir / "locust-results.json"),
    }
    (workdir / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    seconds = MIXED_SECONDS + ALONE_SECONDS * len(pages)
    log(f"locust : {USERS} personnes connectées, sans pause ; {MIXED_SECONDS} s mélangées puis {ALONE_SECONDS} s "
        f"par page seule, {len(pages)} pages (~{seconds / 60:.0f} min)…")  # fmt: skip
    locust_env = {**env, "BENCH_LOAD_SPEC": str(workdir / "spec.json")}
    locust_log = workdir / "locust.log"
    with locust_log.open("w") as output:
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "tests" / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=workdir,
            env=locust_env,
            check=False,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    results = workdir / "locust-results.json"
    if not results.exists():
        sys.exit(f"locust n'a pas écrit ses résultats ; son journal :\n{locust_log.read_text()[-3000:]}")
    return json.loads(results.read_text(encoding="utf-8"))


def machine_facts():
    from django.db import connection

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = ""
    try:
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    return {
        "hostname": socket.gethostname(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "load_average_before": os.getloadavg(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "os": platform.platform(),
    }


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "HEAD")
    return f"{commit}{'+changes' if git('status', '--porcelain', '--untracked-files=no') else ''}"


def summarise(result, pages):
    mixed, alone = result["figures"].get("mixed", {}), result["figures"].get("alone", {})

    def entry(name):
        m, a = mixed.get(name, {}), alone.get(name, {})
        return {
            "rps": round(a.get("rps", 0), 1),
            "p50_ms": m.get("p50_ms"),
            "p95_ms": m.get("p95_ms"),
            "p99_ms": m.get("p99_ms"),
            "errors": m.get("errors", 0) + a.get("errors", 0),
            "requests_mixed": m.get("requests", 0),
            "requests_alone": a.get("requests", 0),
            "paths": len(next(p["paths"] for p in pages if p["name"] == name)),
            "error_examples": (m.get("error_examples") or []) + (a.get("error_examples") or []),
        }

    baseline = entry(BASELINE)
    figures = {}
    for page in pages:
        if page["name"] == BASELINE:
            continue
        figures[page["name"]] = entry(page["name"])
        figures[page["name"]]["ratio"] = (
            round(figures[page["name"]]["rps"] / baseline["rps"], 2) if baseline["rps"] else None
        )
    return figures, baseline


def meets(name, entry):
    p95_target = P95_TARGET_MS.get(name, P95_DEFAULT_TARGET_MS)
    return (
        entry["p95_ms"] is not None
        and entry["p95_ms"] <= p95_target
        and entry["errors"] == 0
        and (entry["ratio"] or 0) >= RATIO_TARGET
    )


def print_table(figures, baseline):
    log(f"{'page':<16} {'req/s seule':>11} {'× réf.':>7} {'p50':>8} {'p95':>8} {'p99':>8} {'erreurs':>8}  objectifs")
    for name, entry in [(BASELINE, {**baseline, "ratio": 1.0}), *figures.items()]:
        verdict = "" if name == BASELINE else ("atteints" if meets(name, entry) else "MANQUÉS")
        times = " ".join(f"{entry[key] or 0:>5.0f} ms" for key in ("p50_ms", "p95_ms", "p99_ms"))
        log(f"{name:<16} {entry['rps']:>11.1f} {entry['ratio'] or 0:>7.2f} {times} {entry['errors']:>8}  {verdict}")
        for example in entry["error_examples"][:2]:
            log(f"    erreur : {example}")
    log(f"Objectifs : p95 ≤ {P95_DEFAULT_TARGET_MS} ms (recherche ≤ {P95_TARGET_MS['search']} ms) dans le mélange, "
        f"0 erreur, débit seul ≥ {RATIO_TARGET} × celui de {BASELINE_PATH}.")  # fmt: skip


def main():
    name = create_database_if_missing()
    import django

    django.setup()
    from django.db import connection

    from tests.bench import markers

    prepare_database(name)
    modules = data_modules()
    load_data(modules)
    # Fresh statistics and visibility maps, as autovacuum would give a database that grew over months: right after
    # bulk inserts the planner still believes the tables small (sequential scans, hash joins for 25-row pages), and
    # without the visibility map no list can walk its index alone (index-only scans).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    if "--prepare" in sys.argv[1:]:
        log(f"Données prêtes dans {name} ; --prepare : pas de mesure.")
        return
    pages = [page for module in modules for page in module.load_pages()]
    baseline = {"name": BASELINE, "paths": [BASELINE_PATH], "email": pages[0].email, "password": pages[0].password}
    page_specs = [{"name": p.name, "paths": list(p.paths), "email": p.email, "password": p.password} for p in pages]
    page_specs.append(baseline)
    facts = {module.__name__.rsplit(".", 1)[1]: getattr(module, "facts", dict)() for module in modules}
    data_markers = markers.everything()
    machine = machine_facts()
    connection.close()

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="spro-load-"))
    static_root = workdir / "static"
    env = server_environment(port, static_root)
    flush_redis()
    server = start_server(env, port)
    try:
        result = run_locust(env, port, page_specs, workdir)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if result["login_failures"]:
        log(f"Connexions refusées : {result['login_failures']}")
    figures, baseline_entry = summarise(result, page_specs)
    print_table(figures, baseline_entry)

    today = datetime.date.today().isoformat()
    output = ROOT / "bench" / "results" / f"{today}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "pages": figures,
        "baseline": baseline_entry,
        "targets": {"p95_ms": P95_DEFAULT_TARGET_MS, "search_p95_ms": P95_TARGET_MS["search"], "ratio": RATIO_TARGET},
        "run": {
            "users": USERS,
            "mixed_seconds": MIXED_SECONDS,
            "alone_seconds": ALONE_SECONDS,
            "gunicorn": f"{WORKERS} workers × {THREADS} threads",
            "logged_in": result["logged_in"],
            "login_failures": result["login_failures"],
            "seed": BASE_VERSION,
            "load_average_after": os.getloadavg(),
        },
        "data": {"modules": facts, "markers": data_markers},
        "machine": machine,
    }
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"Résultats : {output.relative_to(ROOT)}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
