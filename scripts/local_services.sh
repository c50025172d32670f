#!/usr/bin/env bash
# Install (from Debian's packages, when missing) and start PostgreSQL and Redis on
# loopback for `make test-postgres`. Idempotent: safe to run again.
set -euo pipefail

SUDO=""
AS_PG="runuser -u postgres --"
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
  AS_PG="sudo -u postgres"
fi

need=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: start the first cluster found, create the role (CREATEDB for pytest-django).
read -r ver cluster _ < <(pg_lsclusters -h | head -n 1)
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  $SUDO pg_createcluster "$ver" main
  cluster=main
fi
$SUDO pg_ctlcluster "$ver" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
$AS_PG psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mysphere') THEN
    CREATE ROLE mysphere LOGIN PASSWORD 'mysphere' CREATEDB;
  END IF;
END
$$;
SQL
$AS_PG psql -tAc "SELECT 1 FROM pg_database WHERE datname='mysphere'" | grep -q 1 \
  || $AS_PG createdb -O mysphere mysphere

# Redis on loopback.
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
echo "PostgreSQL and Redis are up on 127.0.0.1"
