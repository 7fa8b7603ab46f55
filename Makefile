# Footnote: `make run` to try it, `make test` to check it. Both set themselves up.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/footnote

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-sqlite test-postgres lint serve worker beat bench lighthouse demo migrate

help:  ## list the targets
	@echo "Footnote: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

# The test and benchmark tools from npm (axe-core, Lighthouse), exactly as locked.
# Without npm the suite still runs: the tests that need these fail (CI) or skip, saying so.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: axe-core and Lighthouse are not installed"; fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The steps before the server say nothing about development settings: the server
# itself warns once.
migrate: $(VENV)/.installed
	mkdir -p var/static var/media
	FOOTNOTE_QUIET=1 $(PY) manage.py migrate --no-input -v 0

demo: migrate  ## (re)create the demo patient
	FOOTNOTE_QUIET=1 $(PY) manage.py demo_patient --address http://$(HOST):$(PORT)

run: demo  ## set up, create the demo patient, serve on http://127.0.0.1:8000 (PORT=8001 for another)
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed node_modules/.installed  ## the whole suite: SQLite, then the database tests again on PostgreSQL
	$(PY) -m pytest -q
	DATABASE_URL=$(POSTGRES_TEST_URL) $(PY) -m pytest -q -m postgres

test-fast: $(VENV)/.installed  ## the inner loop (~1 min): SQLite, without browser, Redis, contract and fault tests
	$(PY) -m pytest -q -m "not browser and not redis" --ignore=tests/contract --ignore=tests/faults

test-sqlite: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -q

test-postgres: $(VENV)/.installed
	DATABASE_URL=$(POSTGRES_TEST_URL) $(PY) -m pytest -q -m postgres

lint: $(VENV)/.installed  ## ruff and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

serve: $(VENV)/.installed  ## gunicorn (set FOOTNOTE_ENV=production and friends first)
	$(PY) manage.py collectstatic --no-input -v 0
	$(VENV)/bin/gunicorn config.wsgi -c python:config.gunicorn --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-$$((2 * $$(nproc) + 1))}

worker: $(VENV)/.installed  ## a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: $(VENV)/.installed  ## Celery beat for the periodic sweeps (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config beat --loglevel=INFO

bench: $(VENV)/.installed node_modules/.installed  ## benchmarks: each figure beside its floor, also written as JSON
	$(PY) -m bench

lighthouse: $(VENV)/.installed node_modules/.installed  ## Lighthouse mobile scores of every page against make serve (LIGHTHOUSE_PORT=8340)
	$(PY) -m bench.lighthouse_bench
