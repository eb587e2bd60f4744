"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

# The sync Playwright API runs an event loop in this thread; Django's ORM must still be usable from the test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

_axe = Axe()
_checked_pages = []  # (page name, [(rule id, impact)] of the violations that do not fail the test)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium est introuvable ({CHROMIUM}) : apt-get install -y --no-install-recommends chromium",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            # The browser's own widgets (file input, date picker) in French, as the portal's users see them.
            "--lang=fr-FR",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris", "viewport": DESKTOP}


@pytest.fixture
def demo_network(settings, transactional_db):
    """The real demo network (`seed_demo`), small enough to seed in about a second."""
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", scale=0.25, stdout=io.StringIO())
    settings.DEBUG = False


@pytest.fixture
def look(page):
    """`look(name)` checks the page with axe-core and saves screenshots at desktop and phone widths."""

    def check(name):
        assert_accessible(page, name)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        assert_accessible(page, f"{name} (téléphone)")
        page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    return check


def assert_accessible(page, name):
    results = _axe.run(page)
    violations = results.response["violations"]
    _checked_pages.append((name, [(v["id"], v["impact"]) for v in violations]))
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}" for v in serious
    )
    assert not serious, f"axe-core sur « {name} » :\n{details}"


@pytest.fixture(scope="session", autouse=True)
def _close_live_server_connections(django_db_setup, django_db_blocker):
    """Let the test database be dropped at the end of the session.

    Chromium keeps HTTP connections alive, so a live-server request thread can still hold its database
    connection when the session ends, and PostgreSQL then refuses to drop the test database. This fixture
    tears down before `django_db_setup` and closes those lingering sessions.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def pytest_terminal_summary(terminalreporter):
    """Print what axe-core found on the pages the browser tests visited, minor findings included."""
    if not _checked_pages:
        return
    pages_by_rule = {}
    for name, found in _checked_pages:
        for rule, impact in found:
            pages_by_rule.setdefault(f"{rule} ({impact})", set()).add(name)
    minor = [f"{rule} sur {', '.join(sorted(names))}" for rule, names in sorted(pages_by_rule.items())]
    terminalreporter.write_sep("-", "axe-core")
    terminalreporter.write_line(
        f"{len(_checked_pages)} états de page vérifiés (bureau et téléphone) ; "
        f"règles signalées sans gravité : {'; '.join(minor) if minor else 'aucune'}"
    )
