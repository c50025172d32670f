#!/bin/sh
# Apply migrations when the web container starts (not at build), then run the command.
set -e
if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  python manage.py migrate --noinput
  python manage.py createcachetable
fi
exec "$@"
