"""The load run's users, driven by tests/bench/load.py (not meant to be started by hand, though it can be):

    BENCH_LOAD_SPEC=spec.json locust -f tests/bench/locustfile.py --headless --host http://127.0.0.1:8123

spec.json: {"pages": [{"name", "paths", "email", "password"}, …], "users": 20, "mixed_seconds": 60,
"alone_seconds": 30, "out": "results.json"}.

Every user logs in through the real login form once for each person a page is read by (a session each), then the
schedule runs in this one locust process: the mixed run (every page, picked at random, no think time), then each page
alone. One process for every phase means the users log in once, which keeps under allauth's 30 logins a minute per
address. Each request is counted under « phase|page »; at the end the figures are written to spec["out"].

The session and CSRF cookies are `Secure` under production settings; over plain http on loopback the client's
cookie policy has to treat http as secure, or it never sends them back (STACK_NOTES, « Load tests »).
"""

import json
import math
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlencode

import gevent
from locust import LoadTestShape, events, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser

SPEC = json.loads(open(os.environ["BENCH_LOAD_SPEC"], encoding="utf-8").read())  # noqa: SIM115
USERS = SPEC["users"]
PAGES = SPEC["pages"]
LOGIN_TIMEOUT = 240  # seconds the users have to log in (allauth lets 30 logins a minute through)
SCHEDULE = [("mixed", None, SPEC["mixed_seconds"])] + [("alone", page["name"], SPEC["alone_seconds"]) for page in PAGES]
TOTAL = sum(seconds for _, _, seconds in SCHEDULE)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

STATE = {"logged_in": 0, "start": None, "login_failures": []}
SAMPLES = {}  # "phase|page" -> [response times in ms]
FAILURES = {}  # "phase|page" -> count
FAILURE_EXAMPLES = {}  # "phase|page" -> a few messages


def current_phase():
    """(key, page name or None for the mixed run), or None before the schedule starts and after it ends."""
    if STATE["start"] is None:
        return None
    elapsed = time.time() - STATE["start"]
    for index, (kind, page, seconds) in enumerate(SCHEDULE):
        if elapsed < seconds:
            return (f"{index:02d}-{kind}", page)
        elapsed -= seconds
    return None


class Schedule(LoadTestShape):
    """All users at once; the clock starts when every one of them is logged in."""

    def tick(self):
        if STATE["start"] is None:
            if STATE["logged_in"] >= USERS or self.get_run_time() > LOGIN_TIMEOUT:
                STATE["start"] = time.time()
            return (USERS, USERS)
        if time.time() - STATE["start"] >= TOTAL:
            return None
        return (USERS, USERS)


@events.request.add_listener
def _count(request_type, name, response_time, response_length, exception=None, **kwargs):
    if "|" not in name:
        return
    SAMPLES.setdefault(name, []).append(response_time)
    if exception is not None:
        FAILURES[name] = FAILURES.get(name, 0) + 1
        examples = FAILURE_EXAMPLES.setdefault(name, [])
        if len(examples) < 3:
            examples.append(str(exception)[:200])


def percentile(ordered, fraction):
    if not ordered:
        return None
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@events.test_stop.add_listener
def _write(environment, **kwargs):
    figures = {}
    for index, (kind, page, seconds) in enumerate(SCHEDULE):
        key = f"{index:02d}-{kind}"
        for name in [p["name"] for p in PAGES] if page is None else [page]:
            label = f"{key}|{name}"
            ordered = sorted(SAMPLES.get(label, []))
            figures.setdefault(kind, {})[name] = {
                "requests": len(ordered),
                "errors": FAILURES.get(label, 0),
                "error_examples": FAILURE_EXAMPLES.get(label, []),
                "rps": len(ordered) / seconds,
                "p50_ms": percentile(ordered, 0.50),
                "p95_ms": percentile(ordered, 0.95),
                "p99_ms": percentile(ordered, 0.99),
            }
    result = {
        "figures": figures,
        "logged_in": STATE["logged_in"],
        "login_failures": STATE["login_failures"][:10],
        "schedule": SCHEDULE,
    }
    with open(SPEC["out"], "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)


class Member(FastHttpUser):
    """A logged-in member who opens page after page without pausing."""

    def on_start(self):
        self.sessions = {}
        for email, password in sorted({(page["email"], page["password"]) for page in PAGES}):
            self.sessions[email] = self.logged_in_session(email, password)
        if all(self.sessions.values()):
            STATE["logged_in"] += 1

    def logged_in_session(self, email, password):
        session = FastHttpSession(
            base_url=self.host,
            request_event=self.environment.events.request,
            user=self,
            network_timeout=self.network_timeout,  # the session's own default is 5 s: 20 logins at once take longer
            connection_timeout=self.connection_timeout,
            max_retries=0,
        )
        session.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("http", "https")))
        deadline = time.time() + LOGIN_TIMEOUT
        while time.time() < deadline:
            form = session.get("/compte/login/", name="login form", allow_redirects=False)
            token = CSRF.search(form.text or "")
            response = session.post(
                "/compte/login/",
                data=urlencode(
                    {"login": email, "password": password, "csrfmiddlewaretoken": token.group(1) if token else ""}
                ),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{self.host}/compte/login/"},
                name="login",
                allow_redirects=False,
            )
            if response.status_code == 302:
                return session
            if response.status_code not in (0, 429):  # but a timeout or « too many logins, wait a little »
                STATE["login_failures"].append(f"{email}: HTTP {response.status_code}")
                return None
            gevent.sleep(5 + random.random() * 5)
        STATE["login_failures"].append(f"{email}: still rate limited after {LOGIN_TIMEOUT} s")
        return None

    @task
    def open_a_page(self):
        phase = current_phase()
        if phase is None or not all(self.sessions.values()):
            gevent.sleep(0.2)
            return
        key, only = phase
        page = next(p for p in PAGES if p["name"] == only) if only else random.choice(PAGES)
        session = self.sessions[page["email"]]
        with session.get(
            random.choice(page["paths"]), name=f"{key}|{page['name']}", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} {response.headers.get('Location', '')}")
