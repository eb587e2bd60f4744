"""Sessions on shared computers: idle timeout, absolute lifetime, the person's list of sessions, ending them."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from spro_portal.privacy.models import LoginSession
from spro_portal.privacy.sessions import SEEN, STARTED, device_summary, ip_prefix
from tests.factories import PASSWORD
from tests.utils import LOGIN, PERSONAS, assert_access, persona_row, text

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def _age_session(client, **stamps):
    session = client.session
    for key, seconds_ago in stamps.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = time.time() - seconds_ago
    session.save()


def test_device_summary_names_browser_and_system_only():
    assert device_summary(FIREFOX_WINDOWS) == "Firefox sur Windows"
    assert device_summary(CHROME_ANDROID) == "Chrome sur Android"
    assert device_summary("") == "Navigateur inconnu"


def test_ip_prefix_keeps_the_network_not_the_machine():
    assert ip_prefix("192.0.2.77") == "192.0.2.0/24"
    assert ip_prefix("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert ip_prefix("pas une adresse") == ""


def test_login_records_a_session_with_minimal_data(client, network):
    client.force_login(network.adviser)
    record = LoginSession.objects.get(user=network.adviser)
    assert record.session_key == client.session.session_key
    assert record.ended_at is None
    assert set(client.session.keys()) >= {STARTED, SEEN}


def test_idle_session_expires(client, network, settings):
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    client.force_login(network.adviser)
    _age_session(client, started=3 * 60 * 60, seen=2 * 60 * 60 + 5)
    response = client.get("/charte/")
    assert response.status_code == 302 and response.url.startswith("/compte/login/")
    record = LoginSession.objects.get(user=network.adviser)
    assert record.end_reason == LoginSession.EndReason.IDLE and record.ended_at is not None
    assert "inactivité" in text(client.get(response.url))


def test_old_session_expires_even_when_active(client, network, settings):
    settings.SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60
    client.force_login(network.adviser)
    _age_session(client, started=12 * 60 * 60 + 5, seen=30)
    response = client.get("/charte/")
    assert response.status_code == 302 and response.url.startswith("/compte/login/")
    assert LoginSession.objects.get(user=network.adviser).end_reason == LoginSession.EndReason.LIFETIME


def test_session_within_limits_stays_and_its_activity_is_refreshed(client, network):
    client.force_login(network.adviser)
    _age_session(client, started=60 * 60, seen=10 * 60)
    assert client.get("/charte/").status_code == 200
    assert time.time() - client.session[SEEN] < 5
    record = LoginSession.objects.get(user=network.adviser)
    assert timezone.now() - record.last_seen_at < timedelta(seconds=5)


def test_session_opened_before_records_is_recorded_at_its_next_request(client, network):
    client.force_login(network.adviser)
    LoginSession.objects.all().delete()
    session = client.session
    del session[STARTED], session[SEEN]
    session.save()
    assert client.get("/charte/").status_code == 200
    assert LoginSession.objects.filter(user=network.adviser, session_key=client.session.session_key).exists()


SESSIONS_PAGE = persona_row(200, personas=PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sessions_page_access(client_for, persona):
    assert_access(client_for(persona), "/compte/sessions/", SESSIONS_PAGE[persona])


def _log_in_through_the_form(user, **headers):
    device = Client(**headers)
    response = device.post("/compte/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, text(response)
    return device


def test_sessions_page_lists_own_sessions_only(network):
    laptop = _log_in_through_the_form(network.adviser, HTTP_USER_AGENT=FIREFOX_WINDOWS, REMOTE_ADDR="192.0.2.77")
    _log_in_through_the_form(network.adviser, HTTP_USER_AGENT=CHROME_ANDROID)
    _log_in_through_the_form(
        network.referent, HTTP_USER_AGENT="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Version/17 Safari/605"
    )
    page = text(laptop.get("/compte/sessions/"))
    assert "Firefox sur Windows" in page and "cet appareil" in page
    assert "192.0.2.0/24" in page and "192.0.2.77" not in page
    assert "Chrome sur Android" in page
    assert "Safari sur macOS" not in page


def test_sessions_page_costs_the_same_queries_for_1_and_50_sessions(client, network, assert_same_query_count):
    client.force_login(network.adviser)

    def add_rows():
        for _ in range(49):
            Client().force_login(network.adviser)

    assert_same_query_count(client, "/compte/sessions/", add_rows)


# Production keeps sessions in Redis in front of the database (cached_db): ending one must reach both.
SESSION_ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_ending_another_device_logs_it_out_and_keeps_this_one(network, settings, engine):
    settings.SESSION_ENGINE = engine
    laptop, phone = Client(), Client()
    laptop.force_login(network.adviser)
    phone.force_login(network.adviser)
    phone_record = LoginSession.objects.get(session_key=phone.session.session_key)
    response = laptop.post(f"/compte/sessions/{phone_record.pk}/deconnecter/")
    assert response.status_code == 302
    assert phone.get("/charte/").url.startswith("/compte/login/")
    assert laptop.get("/charte/").status_code == 200
    phone_record.refresh_from_db()
    assert phone_record.end_reason == LoginSession.EndReason.REVOKED


def test_nobody_ends_another_persons_session(network):
    mine, theirs = Client(), Client()
    mine.force_login(network.adviser)
    theirs.force_login(network.referent)
    their_record = LoginSession.objects.get(user=network.referent)
    assert mine.post(f"/compte/sessions/{their_record.pk}/deconnecter/").status_code == 404
    assert theirs.get("/charte/").status_code == 200


@pytest.mark.parametrize("pk", ["99999999", "9999999999999999999"])
def test_ending_an_unknown_session_is_not_found(client, network, pk):
    client.force_login(network.adviser)
    assert client.post(f"/compte/sessions/{pk}/deconnecter/").status_code == 404


def test_ending_sessions_needs_post(client, network):
    client.force_login(network.adviser)
    record = LoginSession.objects.get(user=network.adviser)
    assert client.get(f"/compte/sessions/{record.pk}/deconnecter/").status_code == 405
    assert client.get("/compte/sessions/tout-deconnecter/").status_code == 405


def test_ending_sessions_needs_the_csrf_token(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.adviser)
    assert client.post("/compte/sessions/tout-deconnecter/").status_code == 403
    assert LoginSession.objects.open().filter(user=network.adviser).count() == 1


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_log_out_of_every_device(network, settings, engine):
    settings.SESSION_ENGINE = engine
    devices = [Client() for _ in range(3)]
    for device in devices:
        device.force_login(network.adviser)
    other = Client()
    other.force_login(network.referent)
    response = devices[0].post("/compte/sessions/tout-deconnecter/", follow=True)
    assert "tous vos appareils (3 sessions fermées)" in text(response)
    for device in devices:
        assert_access(device, "/charte/", LOGIN)
    assert not LoginSession.objects.open().filter(user=network.adviser).exists()
    assert other.get("/charte/").status_code == 200
    assert Session.objects.filter(session_key=other.session.session_key).exists()


def test_logout_ends_the_record(client, network):
    client.force_login(network.adviser)
    client.post("/compte/logout/")
    assert LoginSession.objects.get(user=network.adviser).end_reason == LoginSession.EndReason.LOGOUT


def test_profile_page_offers_to_log_out_everywhere(client, network):
    client.force_login(network.adviser)
    page = text(client.get("/compte/profil/"))
    assert 'action="/compte/sessions/tout-deconnecter/"' in page
    assert "Se déconnecter de tous les appareils" in page
