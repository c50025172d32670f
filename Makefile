# MY SPHERE — the two commands a newcomer needs are `make run` and `make test`;
# `make help` lists the others. Each target's line in it is the `## target: ...`
# comment above it.
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_URL ?= postgres://mysphere:mysphere@127.0.0.1:5432/mysphere
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1
PORT ?= 8000
WORKERS ?= 3
# What `make serve` runs with, whatever .env says for development: production settings
# (DEBUG off, the SECRET_KEY of .env, local host names, plain HTTP on this machine).
SERVE_ENV = DEBUG=False ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-False}"

.PHONY: help run serve dev web web-deps api-client test test-backend test-web e2e e2e-smoke \
	test-postgres fuzz lint lint-python lint-web readme-examples format superuser migrate install \
	install-dev env seed bench bench-load bench-many bench-web clean services

# The web app (frontend/) builds with a pinned Node LTS installed into frontend/.node from
# the npm registry (frontend/node-tools.json), whatever Node the machine has.
NODE_DIR := frontend/.node
NODE_PATH_ENV := PATH="$(CURDIR)/$(NODE_DIR)/node_modules/.bin:$$PATH"
NPM := $(NODE_PATH_ENV) npm
WEB_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
	frontend/vite.config.ts frontend/package-lock.json frontend/tsconfig.json

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt
	@touch $@

$(NODE_DIR)/.installed: frontend/node-tools.json
	bash scripts/node_bootstrap.sh
	@touch $@

frontend/node_modules/.installed: frontend/package-lock.json $(NODE_DIR)/.installed
	cd frontend && $(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

## web-deps: install the pinned Node and the web app's packages (frontend/node_modules)
web-deps: frontend/node_modules/.installed

# The production bundle, rebuilt only when the app's sources changed; precompressed
# (gzip, brotli) for whitenoise.
frontend/dist/index.html: $(WEB_SOURCES) frontend/node_modules/.installed $(VENV)/.installed
	cd frontend && $(NPM) run --silent build -- --logLevel warn
	$(PY) -m whitenoise.compress -q frontend/dist

## web: build the web app's production bundle (frontend/dist) alone
web: frontend/dist/index.html

## api-client: regenerate the OpenAPI schema and the web app's typed client from it
api-client: install web-deps
	SECRET_KEY=schema-generation-only-0123456789-abcdefghijklmnop ALLOWED_HOSTS=localhost \
		DEBUG=False $(PY) manage.py spectacular --file frontend/src/api/openapi.yml 2>/dev/null
	cd frontend && $(NPM) run --silent gen:api

## install: the virtualenv (.venv) with the project's packages
install: $(VENV)/.installed
## install-dev: the same plus the development and test tools
install-dev: $(VENV)/.installed-dev

# .env from .env.example with a freshly generated SECRET_KEY, only when there is none.
.env:
	@sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env
	@echo "Created .env from .env.example with a new SECRET_KEY"
## env: write .env from .env.example with a new SECRET_KEY (only when there is none)
env: .env

## migrate: apply the migrations and create the cache table
migrate: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

## run: install, build the web app, migrate and serve on http://localhost:8000 (PORT=)
run: migrate web
	@echo "MY SPHERE on http://localhost:$(PORT)  (Swagger UI: /api/docs/, admin: /admin/)"
	$(PY) manage.py run_with_jobs -- $(PY) manage.py runserver 0.0.0.0:$(PORT)

## dev: Django on :8000 and Vite's dev server with hot reload on http://localhost:5173
dev: migrate web-deps
	@echo "Web app with hot reload on http://localhost:5173 (API on :$(PORT))"
	@trap 'kill 0' INT TERM EXIT; \
		$(PY) manage.py run_with_jobs -- $(PY) manage.py runserver 127.0.0.1:$(PORT) & \
		cd frontend && DJANGO_URL=http://127.0.0.1:$(PORT) $(NODE_PATH_ENV) node_modules/.bin/vite --host 0.0.0.0

## serve: production settings behind gunicorn (WORKERS=3, whitenoise statics)
serve: migrate web
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	@echo "MY SPHERE (production settings) on http://localhost:$(PORT)"
	$(SERVE_ENV) $(PY) manage.py run_with_jobs -- $(VENV)/bin/gunicorn \
		mysphere_core.wsgi:application --bind 0.0.0.0:$(PORT) --workers $(WORKERS)

## test: the backend suite (with coverage), the web app's unit tests, its e2e smoke part
test: test-backend test-web e2e-smoke

## test-backend: the backend suite on SQLite with coverage (a floor; services.py >= 90 %)
# The floor is fail_under in pyproject.toml; scripts/coverage_check.py checks each app's
# services.py.
test-backend: install-dev
	COVERAGE_FILE=.coverage $(VENV)/bin/pytest --cov --cov-report=
	$(PY) scripts/coverage_check.py

## readme-examples: every curl example of the READMEs against a live test server
readme-examples: install-dev
	$(VENV)/bin/pytest mysphere_core/tests/test_readme_examples.py

## test-web: the web app's unit tests (Vitest)
test-web: web-deps
	cd frontend && $(NPM) run --silent test

## e2e: the whole end-to-end suite: Playwright drives Debian's Chromium against a live server
e2e: install-dev web
	cd frontend && $(NODE_PATH_ENV) PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node_modules/.bin/playwright test

## e2e-smoke: its smoke part (sign-in, Home, Quick add, offline, languages, themes, phones)
e2e-smoke: install-dev web
	cd frontend && $(NODE_PATH_ENV) E2E_SMOKE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		node_modules/.bin/playwright test

## test-postgres: the whole suite against a local PostgreSQL and Redis
test-postgres: install-dev services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest

## services: install (Debian packages) and start PostgreSQL and Redis on loopback
services:
	bash scripts/local_services.sh

## fuzz: schemathesis against a live gunicorn and the API's own OpenAPI schema
fuzz: install-dev
	bash scripts/fuzz_api.sh

## chaos: a live gunicorn through faults (scripts/chaos.py); prints what held
# A slow webhook receiver, a worker killed under load, a full disk and its own Redis
# paused and stopped.
.PHONY: chaos
chaos: install
	$(PY) scripts/chaos.py

## lint: every check pre-commit runs: lint-python and lint-web
lint: lint-python lint-web

## lint-python: black --check and ruff (complexity rules on) over the Python code
lint-python: install-dev
	$(VENV)/bin/black --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

## lint-web: ESLint, Prettier and tsc --noEmit on the web app; Redocly CLI on the API schema
## (frontend/redocly.yaml: every rule turned off says why)
lint-web: web-deps
	cd frontend && $(NPM) run --silent lint

## format: black, ruff --fix, Prettier and ESLint --fix
format: install-dev web-deps
	$(VENV)/bin/black .
	$(VENV)/bin/ruff check --fix .
	cd frontend && $(NPM) run --silent format

## superuser: create an administrator for /admin/
superuser: migrate
	$(PY) manage.py createsuperuser

## seed: the demo users (demo, sam) with a few months of realistic data (RESET=1 rebuilds)
seed: migrate
	$(PY) manage.py seed_demo $(if $(RESET),--reset,)

## bench-load: the project against a bare Django + DRF floor under wrk (bench/load.py)
# SQLite, or PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set; BENCH_ARGS="--rounds 2"
bench-load: install
	$(PY) bench/load.py $(BENCH_ARGS)

## bench-many: many users at once, PostgreSQL + Redis (bench/load_many.py)
bench-many: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} REDIS_URL=$${REDIS_URL:-$(REDIS_TEST_URL)} $(PY) bench/load_many.py $(BENCH_ARGS)

## bench-web: the web app's weight, paint and API calls in Chromium (bench/README.md)
bench-web: install-dev web
	cd frontend && $(NODE_PATH_ENV) node scripts/bench-web.ts

## clean: remove the virtualenv, caches, Node and the web app's build
clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache frontend/node_modules frontend/.node frontend/dist

## help: this list
help:
	@echo "MY SPHERE: make run (serve on :8000), make test (the suites). Every target:"
	@awk '/^## [a-z][a-z0-9-]*: / { sub(/^## /, ""); name = $$0; sub(/: .*/, "", name); \
		sub(/^[^:]*: /, ""); printf "  %-16s %s\n", name, $$0 }' $(MAKEFILE_LIST)
