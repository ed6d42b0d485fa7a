# Teilhabe: `make run` serves the demo, `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-dev assets messages lint typecheck test-sqlite test-postgres test-browser bench clean

$(VENV)/.installed: requirements.txt
	@ldconfig -p | grep -q libpangoft2-1.0 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed assets messages

install-dev: $(VENV)/.installed-dev assets messages

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: frontend/node_modules/.installed

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=frontend -v0

run: install
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo --if-empty
	PORT=$(PORT) scripts/serve

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy .

test-sqlite: install-dev
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL= $(VENV)/bin/pytest --ds=config.settings_test -n 2 -m "not browser" -q

test-postgres: install-dev
	@scripts/with-postgres $(VENV)/bin/pytest --ds=config.settings_test -n 2 -m "not browser" -q

test-browser: install-dev
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core)
	DATABASE_URL= $(VENV)/bin/pytest --ds=config.settings_test -m browser -q -p no:xdist

test: lint typecheck test-sqlite test-postgres test-browser

bench: install-dev
	bench/run

clean:
	rm -rf $(VENV) frontend/node_modules var
