"""What the load run (`make bench`) needs from each bench data module.

Each data module (tests/bench/forum_data.py, resource_data.py, indicator_data.py) offers two functions:

    ensure_loaded(log) -> None      # loads its share of the bench data set, or reuses it when already there
    load_pages() -> list[LoadPage]  # the pages of its app that join the load run, read from the loaded data

The harness (tests/bench/load.py) runs `seed_demo --scale` first (territories, ~300 structures, people, demo
accounts), then each module's `ensure_loaded`, then serves the portal with gunicorn and drives every page with locust.
"""

from dataclasses import dataclass

BENCH_PASSWORD = "bench-password-1"  # the forum data set's password; every bench login uses it


@dataclass(frozen=True)
class LoadPage:
    name: str  # a short identifier, the key in bench/results/<date>.json ("forum_index", "resource_detail"…)
    paths: tuple[str, ...]  # one is picked at random for each request, so caches see realistic variety
    email: str  # the person logged in for this page
    password: str = BENCH_PASSWORD
