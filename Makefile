# Twoway — two commands on a fresh machine:
#   make run    install, migrate SQLite, load demo data, serve on http://127.0.0.1:8000
#   make test   install, lint, type check, every test on SQLite and PostgreSQL, browser tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
UV := python3 -m uv
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2
# Settings for the test runs only (they never touch var/ or .env).
TEST_ENV := SECRET_KEY=test-only-secret-key DEBUG=false ALLOWED_HOSTS=testserver,127.0.0.1,localhost

.PHONY: help uv venv install install-dev run serve demo test lint typecheck test-sqlite \
        test-postgres test-browser services format lock clean

help:
	@echo "make run    — install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   — install, lint, type check, all tests on SQLite + PostgreSQL + Chromium"
	@echo "make lock   — re-pin dependencies with hashes (requirements*.lock)"

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv || python3 -m pip install --quiet --user uv

$(PY):
	python3 -m venv $(VENV)

venv: $(PY)

install: uv venv
	@$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	@$(UV) pip install --quiet --python $(PY) --no-deps -e .

install-dev: uv venv
	@$(UV) pip sync --quiet --python $(PY) --require-hashes requirements-dev.lock
	@$(UV) pip install --quiet --python $(PY) --no-deps -e .

.env:
	@sed "s|^SECRET_KEY=.*|SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env
	@echo "Wrote .env with a new SECRET_KEY."

run: install .env
	@set -a && source ./.env && set +a && \
	  $(BIN)/twoway migrate --no-input -v 0 && \
	  $(BIN)/twoway demo && \
	  $(BIN)/twoway serve --host $(HOST) --port $(PORT)

serve: install .env
	@set -a && source ./.env && set +a && $(BIN)/twoway serve --host $(HOST) --port $(PORT)

demo: install .env
	@set -a && source ./.env && set +a && $(BIN)/twoway migrate --no-input -v 0 && $(BIN)/twoway demo

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(TEST_ENV) $(BIN)/mypy src tests $(wildcard bench/*.py)

services:
	@scripts/ensure-services.sh

test-sqlite: install-dev
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) -m "not browser and not live" -q

# The last line runs several `twoway sweep` processes at once: a live test that needs PostgreSQL.
test-postgres: install-dev services
	$(TEST_ENV) DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -n $(PYTEST_WORKERS) -m "not browser and not live" -q
	$(TEST_ENV) DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -m live -q tests/feedback/test_sweepers.py

test-browser: install-dev services
	$(TEST_ENV) $(PY) -m pytest -m "browser or live" -q

test: install-dev services lint typecheck test-sqlite test-postgres test-browser
	@echo "All checks passed."

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: uv
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --no-header -q -o requirements-dev.lock
	$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 -c requirements-dev.lock --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) var artifacts .mypy_cache .ruff_cache .hypothesis
