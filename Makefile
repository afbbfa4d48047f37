# LEA – two commands: `make run` (the app with demo data) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: setup run test lint demo check-pango check-chromium clean

## setup: create .venv and install everything (fast when nothing changed)
setup: $(STAMP) check-pango

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is nodig (python3.11 niet gevonden)."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is nodig, gevonden: " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# WeasyPrint needs Pango from the operating system; say so plainly, or install it as root.
check-pango:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so'; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Pango ontbreekt (nodig voor PDF's); installeren met apt-get..."; \
	    (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0) >/dev/null; \
	  else \
	    echo "Pango ontbreekt: installeer libpango-1.0-0 en libpangoft2-1.0-0 (nodig voor PDF's)."; exit 1; \
	  fi; \
	fi

# The end-to-end tests drive Debian's Chromium (Playwright cannot download browsers here).
check-chromium:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Chromium ontbreekt (nodig voor de browsertests); installeren met apt-get..."; \
	    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null; \
	  else \
	    echo "Chromium ontbreekt: installeer het pakket chromium (nodig voor de browsertests)."; exit 1; \
	  fi; \
	fi

## run: the app with demo data on 127.0.0.1:$(PORT), with a Celery worker and beat; Ctrl-C stops all
run: export DEBUG ?= 1
# Links in e-mails and calendar feeds point at the address this command serves on.
run: export LEA_BASIS_URL ?= http://127.0.0.1:$(PORT)
# The demo accounts log in with their password alone (production requires a second factor).
run: export LEA_TWEEDE_FACTOR_VERPLICHT ?= 0
run: setup
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py demo
	@echo "LEA draait op http://127.0.0.1:$(PORT)/ – inloggen als admin / lea-demo. Stoppen: Ctrl-C."
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/celery -A lea.config worker --loglevel=INFO --concurrency=2 & \
	  $(BIN)/celery -A lea.config beat --loglevel=INFO & \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) & \
	  wait

# The demo accounts have a published password: the demo runs with DEBUG on (development) or on
# a demonstration installation (LEA_DEMONSTRATIE=1), never on a real one.
demo: export DEBUG ?= 1
demo: setup
	$(BIN)/python manage.py demo

## lint: ruff (lint + format check), mypy, migrations up to date, the one-way import contracts
# Settings refuse a weak SECRET_KEY with DEBUG off; this one is a test constant, not a secret.
TEST_SECRET_KEY := lea-testsleutel-niet-geheim-alleen-voor-tests-0123456789abcdef
lint: export SECRET_KEY ?= $(TEST_SECRET_KEY)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

## test: the whole suite (SQLite + filesystem broker, or DATABASE_URL / CELERY_BROKER_URL)
# tests/live/ (a live server in Chromium, a real Celery worker) commits to the database, so it
# runs in its own session after the rest.
# The tests run with DEBUG off, so over plain http: no SSL redirect, no secure-only cookies; the
# test database is a demonstration installation (tests/omgeving.py sets the same for plain pytest).
# The suite but for tests/live/ runs in parallel processes, each with a test database of its own
# (a module stays in one process); `make test TEST_PROCESSEN=1` runs it in one.
TEST_PROCESSEN ?= 2
test: export SECRET_KEY ?= $(TEST_SECRET_KEY)
test: export SECURE_COOKIES ?= 0
test: export SECURE_SSL_REDIRECT ?= 0
test: export LEA_DEMONSTRATIE ?= 1
test: export LEA_VAR_DIR ?= $(CURDIR)/var/test
test: lint check-chromium
	$(BIN)/pytest --ignore=tests/live -n $(TEST_PROCESSEN) --dist loadfile $(PYTEST_ARGS)
	$(BIN)/pytest tests/live $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
