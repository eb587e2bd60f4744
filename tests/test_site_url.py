"""Every absolute link in an e-mail starts with SITE_URL, and `make run` derives SITE_URL from the port it serves on."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from members.models import Invitation

BASE_DIR = Path(__file__).resolve().parent.parent
SITE_URL = "http://portail.example:8123"


def make_run_dry(port, **env_changes):
    """The commands `make run PORT=<port>` would run, without running them."""
    env = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    env.update(env_changes)
    result = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if "runserver" in line)


def test_make_run_links_emails_to_the_port_it_serves_on():
    runserver = make_run_dry(8001)
    assert "runserver 127.0.0.1:8001" in runserver
    assert "SITE_URL=http://127.0.0.1:8001 " in runserver


def test_make_run_keeps_a_site_url_set_by_the_shell():
    runserver = make_run_dry(8001, SITE_URL="https://portail.spro.example.fr")
    assert "SITE_URL=https://portail.spro.example.fr " in runserver


def test_no_code_builds_absolute_links_from_the_request_or_a_fixed_port():
    offenders = []
    for folder in ("spro_portal", "members", "practices", "indicators", "templates"):
        for path in (BASE_DIR / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"} or path.name == "settings.py":
                continue
            source = path.read_text(encoding="utf-8")
            if re.search(r"build_absolute_uri|127\.0\.0\.1:8000|localhost:8000", source):
                offenders.append(str(path.relative_to(BASE_DIR)))
    assert not offenders


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


def test_invitation_email_links_to_site_url(client_for, network, site_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("referent").post(
            "/structures/cio-de-rennes/inviter/", {"email": "gwen@exemple.fr", "role": "adviser"}
        )
    invitation = Invitation.objects.get(email="gwen@exemple.fr")
    link = f"{SITE_URL}/invitation/{invitation.token}/"
    message = mail.outbox[-1]
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


def links(message):
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def test_password_reset_email_links_to_site_url_not_the_request_host(client, network, site_url):
    client.post("/compte/password/reset/", {"email": network.adviser.email}, HTTP_HOST="127.0.0.1:9999")
    found = links(mail.outbox[-1])
    assert found and all(link.startswith(SITE_URL + "/") or link == SITE_URL for link in found), found
    assert any("/compte/password/reset/key/" in link for link in found)
    assert "127.0.0.1:9999" not in mail.outbox[-1].body


def test_reset_for_an_unknown_address_links_to_site_url(client, db, site_url):
    client.post("/compte/password/reset/", {"email": "personne@exemple.fr"}, HTTP_HOST="127.0.0.1:9999")
    found = links(mail.outbox[-1])
    assert found and all(link.startswith(SITE_URL) for link in found), found


def test_email_confirmation_links_to_site_url(network, site_url, rf):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.create(user=network.adviser, email="autre@exemple.fr", verified=False)
    request = rf.get("/", HTTP_HOST="127.0.0.1:9999")
    request.user = network.adviser
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    from allauth.core import context

    with context.request_context(request):
        address.send_confirmation(request)
    found = links(mail.outbox[-1])
    assert any(link.startswith(f"{SITE_URL}/compte/confirm-email/") for link in found), found
    assert "127.0.0.1:9999" not in mail.outbox[-1].body
