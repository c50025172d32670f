#!/usr/bin/env bash
# Fuzz the live API with schemathesis against its own OpenAPI schema (make fuzz, CI).
# A production-like gunicorn on a throwaway SQLite database with the demo user; every
# operation is called with generated valid and invalid input; any server error, an
# undocumented status code or content type, or a body that breaks the schema fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
EXAMPLES=${FUZZ_EXAMPLES:-15}
MAX_TIME=${FUZZ_MAX_TIME:-360}
# FUZZ_PATHS: a regex of the paths to fuzz (all by default), e.g. '^/api/budgets/'.
ONLY=()
if [ -n "${FUZZ_PATHS:-}" ]; then ONLY=(--include-path-regex "$FUZZ_PATHS"); fi
work=$(mktemp -d)
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DJANGO_SETTINGS_MODULE=mysphere_core.settings DEBUG=False \
  SECRET_KEY=fuzz-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
  ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=False \
  DATABASE_URL="sqlite:///$work/fuzz.sqlite3" REDIS_URL= CELERY_BROKER_URL= \
  GEMINI_API_KEY= LOG_LEVEL=WARNING THROTTLE_ANON=1000000/hour \
  THROTTLE_USER=1000000/hour THROTTLE_AUTH=1000000/minute \
  THROTTLE_REFRESH=1000000/minute THROTTLE_AI=1000000/minute \
  THROTTLE_ASSISTANT=1000000/minute
$PY manage.py migrate --noinput -v 0
$PY manage.py seed_demo >/dev/null
$PY -m gunicorn mysphere_core.wsgi:application --bind "127.0.0.1:$port" --workers 2 \
  --log-level warning >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
$PY - "$port" <<'PYEOF'
import sys, time, urllib.request
for _ in range(150):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ready/", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("the server did not start")
PYEOF
token=$($PY - "$port" <<'PYEOF'
import json, sys, urllib.request
body = json.dumps({"username": "demo", "password": "Demo-Sphere-2026!"}).encode()
request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/api/users/login/", data=body,
    headers={"Content-Type": "application/json"},
)
print(json.load(urllib.request.urlopen(request))["access"])
PYEOF
)
# Operations that end the session or the account would lock the fuzzer out mid-run.
# One schemathesis worker: with several, Python 3.11's parser can fail inside the
# fuzzer's own case generation ("AST constructor recursion depth mismatch",
# python/cpython#106905), before any request is sent.
"$(dirname "$PY")/schemathesis" run "http://127.0.0.1:$port/api/schema/" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --header "Authorization: Bearer $token" \
  --exclude-path-regex '^/api/users/((logout|change-password|me)/|admin/)' \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --workers 1 \
  --generation-database none --seed 20261127 --suppress-health-check all "${ONLY[@]}"
