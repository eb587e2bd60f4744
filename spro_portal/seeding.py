"""What every app's `seed_demo` step receives: the scale, a logger, one clock, and a random generator per step.

Steps add to the context what later steps build on (members puts `territories`, `structures`, `demo_users`…
there; the forum reads them). Steps are planned deterministically and create only what is missing, so running
`seed_demo` twice gives the same data and a larger scale extends a smaller one.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

SEED = 2026
BATCH_SIZE = 100


@dataclass
class SeedContext:
    scale: float
    log: Callable[[str], None]
    now: datetime

    def rng(self, name):
        """A generator of its own per step, so that adding a step never changes what the others produce."""
        return random.Random(f"{SEED}:{name}")

    def in_last_month(self, day, hour=10):
        """A moment of the previous calendar month, the one `send_digests` reports on by default: its `day`-th day
        (kept within the month), so that last month's digest has something whatever the day the demo is made."""
        first_of_this_month = self.now.replace(day=1, hour=hour, minute=0, second=0, microsecond=0)
        last_month_end = first_of_this_month - timedelta(days=1)
        return last_month_end.replace(day=max(1, min(day, last_month_end.day)))

    def scaled(self, count, minimum=1):
        return max(minimum, round(count * self.scale))

    def progress(self, label, done, total):
        """At large scale, one line per batch, so a long run visibly moves."""
        if total > 2 * BATCH_SIZE:
            self.log(f"  … {label} : {done}/{total}")


def chunks(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]
