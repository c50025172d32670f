#!/usr/bin/env bash
# The backend the end-to-end suite drives: a throwaway SQLite database with the demo
# data, emails written to files the tests read, generous throttles, the built app,
# gunicorn on E2E_PORT. Started (and stopped) by Playwright's webServer.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR="frontend/.e2e/${E2E_PORT:-8765}"
rm -rf "$DIR" && mkdir -p "$DIR/mail"
export SECRET_KEY="e2e-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export DEBUG=False ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=False
export DATABASE_URL="sqlite:///$PWD/$DIR/e2e.sqlite3" CACHE_URL="dbcache://mysphere_cache"
export REDIS_URL="" CELERY_BROKER_URL="" CELERY_TASK_ALWAYS_EAGER=True
export EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend" EMAIL_FILE_PATH="$PWD/$DIR/mail"
export THROTTLE_ANON=100000/hour THROTTLE_USER=100000/hour THROTTLE_AUTH=10000/minute
export THROTTLE_REFRESH=10000/minute THROTTLE_AI=10000/minute THROTTLE_ASSISTANT=10000/minute
export WEB_APP_DIR="$PWD/frontend/dist" LOG_LEVEL=WARNING GEMINI_API_KEY=""
PY=.venv/bin/python
$PY manage.py migrate --noinput -v 0
$PY manage.py createcachetable
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput -v 0
exec .venv/bin/gunicorn mysphere_core.wsgi:application --bind "127.0.0.1:${E2E_PORT:-8765}" \
  --workers 2 --threads 4 --access-logfile /dev/null --error-logfile "$DIR/gunicorn.log"
