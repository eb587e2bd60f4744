"""A few people submitting at the same moment on the embedded SQLite database: they queue, nobody gets an error.

Django's test client runs one request at a time, so this starts the real `runserver` (threaded) on a temporary
SQLite file and posts from several threads at once. It has its own database, whatever DATABASE_URL the suite uses.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PEOPLE = 8
PASSWORD = "une-phrase-de-passe-solide"
# PEOPLE members with a verified address, and PEOPLE invitations to one structure (their tokens are printed).
CREATE_PEOPLE = f"""
from allauth.account.models import EmailAddress
from members.models import User
from tests.factories import InvitationFactory, StructureFactory
structure = StructureFactory()
for number in range({PEOPLE}):
    user = User.objects.create_user(email=f"personne{{number}}@exemple.fr", password="{PASSWORD}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    print(InvitationFactory(structure=structure, email=f"invite{{number}}@exemple.fr").token)
"""

pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`runserver` on a fresh, migrated SQLite file holding PEOPLE people; yields its URL and the invitation tokens."""
    database = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    env = {name: value for name, value in os.environ.items() if name not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATABASE_URL=f"sqlite:///{database}", DEBUG="true", PYTHONUNBUFFERED="1")
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["shell", "--verbosity", "0", "--command", CREATE_PEOPLE]):
        created = subprocess.run(
            manage + command, cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True, timeout=120
        )
    tokens = created.stdout.split()
    port = free_port()
    process = subprocess.Popen(
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/compte/login/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url, tokens
    finally:
        process.terminate()
        process.wait(timeout=10)


class Person:
    """One browser: its own cookies, CSRF token read from the form it is about to post."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.url + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path, form, data):
        """POST `data` with the CSRF token of `form` (the page's HTML); return (status, body)."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(self.url + path, data=body, headers={"Referer": self.url + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def all_at_once(people, action):
    """Run `action(number, person)` in one thread per person, released together; return the results in order."""
    barrier = threading.Barrier(len(people))
    results = [None] * len(people)

    def run(number, person):
        barrier.wait(timeout=60)
        results[number] = action(number, person)

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def assert_all_succeeded(results, says):
    failures = [(status, "database is locked" in body) for status, body in results if status != 200]
    assert not failures, f"(statut, « database is locked ») : {failures}"
    assert all(says in body for _, body in results)


def test_invited_people_joining_one_structure_at_the_same_time_all_succeed(server):
    # Each acceptance reads the invitation, hashes a password, then writes: the case SQLite's deferred
    # transactions turn into an immediate "database is locked".
    url, tokens = server
    people = [Person(url) for _ in range(PEOPLE)]
    forms = [person.get(f"/invitation/{token}/") for person, token in zip(people, tokens, strict=True)]
    password = {"password1": PASSWORD, "password2": PASSWORD}
    accepted = all_at_once(
        people,
        lambda number, person: person.post(
            f"/invitation/{tokens[number]}/", forms[number], {"first_name": "Gwen", "last_name": "Morvan", **password}
        ),
    )
    assert_all_succeeded(accepted, "Bienvenue dans le réseau")


def test_people_logging_in_and_saving_their_profile_at_the_same_time_all_succeed(server):
    url, _ = server
    people = [Person(url) for _ in range(PEOPLE)]
    login_forms = [person.get("/compte/login/") for person in people]
    logins = all_at_once(
        people,
        lambda number, person: person.post(
            "/compte/login/", login_forms[number], {"login": f"personne{number}@exemple.fr", "password": PASSWORD}
        ),
    )
    assert_all_succeeded(logins, "Se déconnecter")

    profile_forms = [person.get("/compte/profil/") for person in people]
    saves = all_at_once(
        people,
        lambda number, person: person.post(
            "/compte/profil/",
            profile_forms[number],
            {"first_name": f"Prénom{number}", "last_name": "Martin", "show_in_directory": "on"},
        ),
    )
    assert_all_succeeded(saves, "Votre profil est enregistré.")
