#!/usr/bin/env bash
# Fuzz the live API with schemathesis against its own OpenAPI schema (make fuzz, CI).
# A production-like gunicorn on a throwaway SQLite database with the demo user; every
# operation is called with generated valid and invalid input; any server error, an
# undocumented status code or content type, or a body that breaks the schema fails.
# FUZZ_SESSION_ONLY=1 runs only the second pass (logout, logout everywhere, password
# change, me, admin).
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
# login USERNAME PASSWORD: an access token of that account.
login() {
  $PY - "$port" "$1" "$2" <<'PYEOF'
import json, sys, urllib.request
body = json.dumps({"username": sys.argv[2], "password": sys.argv[3]}).encode()
request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/api/users/login/", data=body,
    headers={"Content-Type": "application/json"},
)
print(json.load(urllib.request.urlopen(request))["access"])
PYEOF
}
token=$(login demo Demo-Sphere-2026!)
# Operations that end the session or the account would lock the fuzzer out mid-run:
# the first pass leaves them out, the second fuzzes them with a fresh account per
# case and the admin API with an administrator's token (scripts/fuzz_hooks.py).
# One schemathesis worker: with several, Python 3.11's parser can fail inside the
# fuzzer's own case generation ("AST constructor recursion depth mismatch",
# python/cpython#106905), before any request is sent.
SESSION_OPS='^/api/users/((logout|logout-everywhere|change-password|me)/|admin/)'
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
fuzz() {
  "$(dirname "$PY")/schemathesis" run "http://127.0.0.1:$port/api/schema/" \
    --checks "$CHECKS" --phases examples,coverage,fuzzing \
    --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --workers 1 \
    --generation-database none --seed 20261127 --suppress-health-check all "$@"
}
if [ -z "${FUZZ_SESSION_ONLY:-}" ]; then
  fuzz --header "Authorization: Bearer $token" --exclude-path-regex "$SESSION_OPS" \
    "${ONLY[@]}"
fi
$PY - "$port" >/dev/null <<'PYEOF'
import json, sys, urllib.request
body = {"username": "fuzzadmin", "email": "fuzzadmin@example.com",
        "password": "Fuzz-Sphere-Admin-2026!"}
urllib.request.urlopen(urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/api/users/register/", data=json.dumps(body).encode(),
    headers={"Content-Type": "application/json"}))
PYEOF
$PY manage.py set_role fuzzadmin admin >/dev/null
admin_token=$(login fuzzadmin Fuzz-Sphere-Admin-2026!)
FUZZ_BASE_URL="http://127.0.0.1:$port" FUZZ_ADMIN_TOKEN="$admin_token" \
  SCHEMATHESIS_HOOKS=fuzz_hooks PYTHONPATH=scripts \
  fuzz --include-path-regex "$SESSION_OPS"
