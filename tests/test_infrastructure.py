"""The deployment files agree with the code: docker-compose, Dockerfile, .env.example, requirements, settings.

No database: these read files and import modules, and start a fresh interpreter where settings must be
imported under another environment.
"""

import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
DOCKER_COMPOSE = "/usr/bin/docker-compose"
SETTINGS_ENV_NAME = re.compile(
    r"""(?:\benv(?:_bool|_list)?\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*["']([A-Z][A-Z0-9_]*)["']"""
)


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


def command_words(service):
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def settings_variables():
    source = (BASE_DIR / "spro_portal" / "settings.py").read_text(encoding="utf-8")
    return set(SETTINGS_ENV_NAME.findall(source))


def env_example_variables():
    names = set()
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        # An optional variable is listed commented out ("# NAME=value"): it keeps its default.
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line.strip())
        if match:
            names.add(match.group(1))
    return names


def run_python(code, **env_changes):
    """Run `code` in a fresh interpreter from the project root, with the environment changed (None unsets)."""
    env = dict(os.environ)
    for name in ("DJANGO_SETTINGS_MODULE", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_compose_defines_the_six_services(compose):
    assert {"db", "redis", "web", "worker", "beat", "mailpit"} <= set(compose["services"])


def test_web_worker_and_beat_run_one_image_built_from_the_project(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in APP_SERVICES}
    contexts = set()
    for name in APP_SERVICES:
        build = services[name]["build"]
        contexts.add(build if isinstance(build, str) else build.get("context", "."))
    assert images == {"spro-portal:latest"}
    assert contexts == {"."}
    assert (BASE_DIR / "Dockerfile").is_file()


def test_app_services_read_env_file_and_talk_to_compose_services(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] in (".env", [".env"])
        environment = service["environment"]
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"].startswith("redis://redis:6379/")
        assert environment["EMAIL_HOST"] == "mailpit"
        assert str(environment["EMAIL_PORT"]) == "1025"
        assert environment["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_web_command_names_the_real_wsgi_application(compose):
    words = command_words(compose["services"]["web"])
    # `sh -c "migrate && exec gunicorn ..."`: look inside the shell string too.
    words = [part for word in words for part in shlex.split(word)]
    gunicorn_index = words.index("gunicorn")
    target = words[gunicorn_index + 1]
    module_name, _, attribute = target.partition(":")
    assert (module_name, attribute) == ("spro_portal.wsgi", "application")
    assert callable(getattr(importlib.import_module(module_name), attribute))
    assert "--no-control-socket" in words


@pytest.mark.parametrize("service, subcommand", [("worker", "worker"), ("beat", "beat")])
def test_celery_commands_name_the_real_celery_app(compose, service, subcommand):
    words = command_words(compose["services"][service])
    assert words[0] == "celery"
    assert words[words.index("-A") + 1] == "spro_portal"
    assert subcommand in words
    from celery import Celery

    from spro_portal.celery import app

    assert isinstance(app, Celery)
    assert importlib.import_module("spro_portal").celery_app is app


def test_beat_keeps_its_schedule_out_of_the_working_directory(compose):
    words = command_words(compose["services"]["beat"])
    assert words[words.index("--schedule") + 1].startswith("/tmp/")


def test_dockerfile_runs_gunicorn_without_control_socket_as_non_root():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in dockerfile
    assert "spro_portal.wsgi:application" in dockerfile
    assert "--no-control-socket" in dockerfile
    assert re.search(r"^USER\s+(?!root\b)\S+", dockerfile, re.MULTILINE)
    assert "collectstatic" in dockerfile


def test_docker_compose_validates_the_file(tmp_path):
    if not Path(DOCKER_COMPOSE).exists():
        message = "docker-compose (v1, paquet Debian docker-compose) est introuvable : .ci/run l'installe."
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must check the file, never pass by skipping
        pytest.skip(message)
    # env_file: .env must exist beside the compose file: validate a copy next to a .env made from the example.
    shutil.copy(BASE_DIR / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(BASE_DIR / "Dockerfile", tmp_path / "Dockerfile")
    shutil.copy(BASE_DIR / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        [DOCKER_COMPOSE, "-f", "docker-compose.yml", "config", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_env_example_lists_every_variable_settings_read():
    read_by_settings = settings_variables()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read_by_settings  # the regex still works
    missing = read_by_settings - env_example_variables()
    assert not missing, f"à documenter dans .env.example : {sorted(missing)}"


def test_requirements_pin_every_package_exactly_with_one_postgresql_driver():
    pins = {}
    for line in (BASE_DIR / "requirements.txt").read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            name, separator, version = requirement.partition("==")
            assert separator and version, f"not pinned with ==: {requirement}"
            pins[name.lower().replace("_", "-")] = version
    assert "psycopg2-binary" in pins
    assert not {"psycopg", "psycopg-binary", "psycopg-c"} & set(pins)
    assert {"django", "pyyaml", "pytest", "playwright", "ruff"} <= set(pins)


def test_settings_refuse_the_default_secret_key_when_debug_is_off():
    result = run_python("import spro_portal.settings", DEBUG="false", SECRET_KEY=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_settings_switch_on_https_protections_when_debug_is_off():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({name: getattr(settings, name, None) for name in ("
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT')}))"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="spro_portal.settings",
        DEBUG="false",
        SECRET_KEY="a-real-production-key-for-this-test-only-0123456789",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_SSL_REDIRECT"] is True


def test_local_defaults_keep_debug_on_without_secure_cookies():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DEBUG, settings.SESSION_COOKIE_SECURE]))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="spro_portal.settings", DEBUG=None, SECRET_KEY=None)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, False]


def database_options(**env_changes):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="spro_portal.settings", **env_changes)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_queues_concurrent_writers_and_postgresql_keeps_its_defaults():
    sqlite = database_options(DATABASE_URL=None)
    assert sqlite["transaction_mode"] == "IMMEDIATE"
    assert sqlite["timeout"] >= 20
    assert "journal_mode=WAL" in sqlite["init_command"]
    assert database_options(DATABASE_URL="postgres://spro:x@127.0.0.1:5432/spro") == {}
