# MY SPHERE — the two commands a newcomer needs are `make run` and `make test`.
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

.PHONY: run serve test test-postgres fuzz lint format superuser migrate install install-dev \
	env seed bench bench-load clean services

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

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# .env from .env.example with a freshly generated SECRET_KEY, only when there is none.
.env:
	@sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env
	@echo "Created .env from .env.example with a new SECRET_KEY"
env: .env

migrate: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

## run: install, create .env, migrate and serve on http://localhost:$(PORT) (development)
run: migrate
	@echo "MY SPHERE on http://localhost:$(PORT)  (Swagger UI: /api/docs/, admin: /admin/)"
	$(PY) manage.py runserver 0.0.0.0:$(PORT)

## serve: production settings behind gunicorn ($(WORKERS) workers, whitenoise statics)
serve: migrate
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	@echo "MY SPHERE (production settings) on http://localhost:$(PORT)"
	$(SERVE_ENV) $(VENV)/bin/gunicorn mysphere_core.wsgi:application \
		--bind 0.0.0.0:$(PORT) --workers $(WORKERS)

## test: install with dev tools and run the whole suite on SQLite
test: install-dev
	$(VENV)/bin/pytest

## test-postgres: the whole suite against a local PostgreSQL and Redis
test-postgres: install-dev services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest

## services: install (Debian packages) and start PostgreSQL and Redis on loopback
services:
	bash scripts/local_services.sh

## fuzz: schemathesis against a live gunicorn and the API's own OpenAPI schema
fuzz: install-dev
	bash scripts/fuzz_api.sh

## chaos: a live gunicorn through a slow webhook receiver, a worker killed under load,
## a full disk and its own Redis paused and stopped; prints what held (scripts/chaos.py)
.PHONY: chaos
chaos: install
	$(PY) scripts/chaos.py

lint: install-dev
	$(VENV)/bin/black --check .
	$(VENV)/bin/ruff check .

format: install-dev
	$(VENV)/bin/black .
	$(VENV)/bin/ruff check --fix .

superuser: migrate
	$(PY) manage.py createsuperuser

## seed: a demo user with a few months of realistic data (RESET=1 rebuilds it)
seed: migrate
	$(PY) manage.py seed_demo $(if $(RESET),--reset,)

## bench-load: the project against a bare Django + DRF floor under wrk (bench/load.py):
## SQLite, or PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set; BENCH_ARGS="--rounds 2"
bench-load: install
	$(PY) bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
