# Portail SPRO: the commands the README names. Everything runs through .venv/bin, no activation needed.

PORT ?= 8000
# Links in e-mails (invitations…) point at the port `make run` serves on, unless the shell sets SITE_URL.
SITE_URL ?= http://127.0.0.1:$(PORT)
PYTEST_ARGS ?=
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# `make run` is the quick local run: SQLite (db.sqlite3) and eager Celery, whatever the shell exports.
LOCAL := env -u DATABASE_URL -u REDIS_URL

.DEFAULT_GOAL := help
.PHONY: help venv run test lint format migrate seed shell chromium bench clean

help:
	@echo "make run     - installe .venv, migre, crée la démo si la base est vide, lance http://127.0.0.1:$(PORT)/"
	@echo "make test    - ruff, contrôle des migrations, toute la suite pytest (navigateur compris) ; PYTEST_ARGS=..."
	@echo "make bench   - mesure les pages principales et les résumés par e-mail sur un grand réseau de démonstration"
	@echo "make lint | format | migrate | seed | shell | clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when requirements.txt changes.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install -qq -r requirements.txt
	@$(BIN)/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('psycopg') and \
		'psycopg (v3) est installé dans .venv à côté de psycopg2 : Django le préférerait. ' \
		'Retirez-le : $(BIN)/pip uninstall psycopg psycopg-binary')"
	touch $@

venv: $(STAMP)

run: venv
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py seed_demo --if-empty
	$(LOCAL) SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Honours DATABASE_URL / REDIS_URL when set (.ci/run sets them to PostgreSQL and Redis); SQLite otherwise.
test: venv chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests need Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Chromium absent : installation par apt-get (paquet chromium)…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
		else \
			echo "ERREUR : $(CHROMIUM) est introuvable ; les tests navigateur en ont besoin." >&2; \
			echo "Installez-le : sudo apt-get install -y --no-install-recommends chromium" >&2; \
			exit 1; \
		fi; \
	fi
	@test -x $(CHROMIUM) || { echo "ERREUR : $(CHROMIUM) toujours introuvable après apt-get." >&2; exit 1; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# migrate, seed and shell use whatever DATABASE_URL says (SQLite db.sqlite3 when unset).
migrate: venv
	$(BIN)/python manage.py migrate --noinput

seed: venv
	$(BIN)/python manage.py seed_demo --if-empty

shell: venv
	$(BIN)/python manage.py shell

# Times the main pages on a large demo network (temporary SQLite unless DATABASE_URL is set); prints figures.
# Then the digest: BENCH_DIGEST_PEOPLE (10,000) people's digests, digests/s and queries per chunk.
# Then the load run on PostgreSQL (BENCH_DATABASE_URL, its own database): gunicorn + locust, 20 logged-in users,
# BENCH_SECONDS mixed then BENCH_ALONE_SECONDS per page alone; writes bench/results/<date>.json.
bench: venv
	$(BIN)/python tests/bench/pages.py
	$(BIN)/python tests/bench/digest.py
	$(BIN)/python tests/bench/load.py

# Keeps .venv and db.sqlite3: `rm -rf .venv db.sqlite3` for a full reset.
clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results tests/screenshots celerybeat-schedule*
