"""What every app's `seed_demo` step receives: the scale, a logger, one clock, and a random generator per step.

Steps add to the context what later steps build on (members puts `territories`, `structures`, `demo_users`…
there; the forum reads them). Steps are planned deterministically and create only what is missing, so running
`seed_demo` twice gives the same data and a larger scale extends a smaller one.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

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

    def scaled(self, count, minimum=1):
        return max(minimum, round(count * self.scale))

    def progress(self, label, done, total):
        """At large scale, one line per batch, so a long run visibly moves."""
        if total > 2 * BATCH_SIZE:
            self.log(f"  … {label} : {done}/{total}")


def chunks(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]
