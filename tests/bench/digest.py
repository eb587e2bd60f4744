"""Benchmark of the digest: builds and "sends" (in-memory e-mail backend) the digests of N people, prints digests per
second and SQL queries per chunk.

    .venv/bin/python tests/bench/digest.py                    # SQLite in a temporary file, 10,000 people
    BENCH_DIGEST_PEOPLE=1000 .venv/bin/python tests/bench/digest.py
    DATABASE_URL=postgres://… .venv/bin/python tests/bench/digest.py   # on PostgreSQL (flushed and reseeded)

Not a test: it measures, it does not assert. The demo network (scale 1) gives the cycles, the charter and the
structures, and last month's forum, library and indicators; the N people are added to its structures, one in five
as referent, one in three watching a mission's forum category, plus a few coordinators. Each chunk is sent with
services.send_chunk, as the Celery task does.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-digest.sqlite3"
os.environ["DEBUG"] = "true"
# The in-memory backend, set here rather than by setup_test_environment(), which would also instrument every
# template render (a test-only signal that doubles the rendering time).
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_DIGEST_PEOPLE", "10000"))
BATCH = 2000


def add_people(count):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from members.models import Coordinator, Membership, Structure, User
    from practices.models import Category, Subscription

    structures = list(Structure.objects.values_list("pk", flat=True))
    categories = list(Category.objects.filter(mission__isnull=False).values_list("pk", flat=True))
    password = make_password(None)
    for start in range(0, count, BATCH):
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=f"banc{n}@exemple.fr", first_name=f"Prénom{n}", last_name="Banc", password=password)
                for n in range(start, min(count, start + BATCH))
            )
            if connection.vendor != "postgresql":  # bulk_create sets the ids on PostgreSQL (and SQLite ≥ 3.35)
                users = list(User.objects.filter(email__in=[user.email for user in users]))
            EmailAddress.objects.bulk_create(
                EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
            )
            Membership.objects.bulk_create(
                Membership(
                    user=user,
                    structure_id=structures[index % len(structures)],
                    role=Membership.Role.REFERENT if index % 5 == 0 else Membership.Role.ADVISER,
                )
                for index, user in enumerate(users)
            )
            Coordinator.objects.bulk_create(Coordinator(user=user, is_regional=True) for user in users[:3])
            # One in three watches a mission's category of the forum (new topics in what they watch).
            Subscription.objects.bulk_create(
                Subscription(user=user, category_id=categories[index % len(categories)], level="watching")
                for index, user in enumerate(users)
                if index % 3 == 0
            )


def main():
    from spro_portal.digest import periods, services
    from spro_portal.digest.models import DigestDelivery, Frequency

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=1, stdout=io.StringIO())
    add_people(PEOPLE)
    print(f"Base : {connection.vendor} ; réseau prêt en {time.perf_counter() - started:.1f} s.")
    period = periods.previous(Frequency.MONTHLY)

    started = time.perf_counter()
    chunks = services.plan_period(period)
    planned = time.perf_counter() - started
    rows = sum(len(chunk) for chunk in chunks)
    print(f"Planification : {rows} envois en {len(chunks)} paquets de {len(chunks[0])} au plus, {planned:.2f} s.")

    per_chunk = []
    started = time.perf_counter()
    for chunk in chunks:
        reset_queries()  # DEBUG keeps at most 9,000 queries: start each chunk's count from an empty log
        with CaptureQueriesContext(connection) as queries:
            outcomes = services.send_chunk(chunk)
        marks = [q for q in queries.captured_queries if _is_mark(q["sql"])]
        sent = list(outcomes.values()).count(services.SENT)
        per_chunk.append((len(chunk), len(queries.captured_queries) - len(marks), sent))
    elapsed = time.perf_counter() - started
    counts = services.counts(period.key)
    outbox = len(getattr(mail, "outbox", []))  # the locmem backend creates it with the first message
    per_person = sorted({queries / size for size, queries, _ in per_chunk})
    print(
        f"{rows} résumés construits en {elapsed:.1f} s : {rows / elapsed:.0f} résumés/s "
        f"({counts.get(DigestDelivery.Status.SENT, 0)} envoyés, {outbox} dans la boîte en mémoire, "
        f"{counts.get(DigestDelivery.Status.EMPTY, 0)} vides)."
    )
    full = [queries for size, queries, _ in per_chunk if size == len(chunks[0])]
    print(
        f"Requêtes SQL par paquet de {len(chunks[0])} pour construire et envoyer : min {min(full)}, max {max(full)} "
        f"(par personne : {per_person[0]:.3f} à {per_person[-1]:.3f}), plus les deux marques de chaque message "
        f"envoyé (« en cours d'envoi », « envoyé ») : {2 * max(sent for _, _, sent in per_chunk)} au plus par paquet."
    )


def _is_mark(sql):
    """The per-message UPDATEs of a delivery row's status (sending, sent), told apart from the chunk's reads."""
    return sql.startswith('UPDATE "digest_digestdelivery"') and "WHERE" in sql and '"id" = ' in sql


if __name__ == "__main__":
    main()
