"""Django's database cache with a write that is one statement.

Django's `DatabaseCache.set` costs five statements per key: a `COUNT(*)` of the whole
table (to decide on culling), then `BEGIN`, a `SELECT` of the key, an `UPDATE` or
`INSERT`, and `COMMIT`. Every write through a service bumps cache versions, so on the
default setup (no Redis) that was most of a small write's cost. Here `set` and
`set_many` are one `INSERT ... ON CONFLICT (cache_key) DO UPDATE` (PostgreSQL and
SQLite), atomic on its own, for any number of keys; the table is counted (and culled
past `MAX_ENTRIES`, as Django does) on one write in `CULL_CHECK_EVERY` on average, so
it may hold a few dozen entries more than `MAX_ENTRIES` between checks. `add` is
one statement too (an upsert that only replaces an expired row), so it is atomic:
the strict throttles count with it. `touch`, reads and deletes are Django's.
"""

import base64
import pickle
import random
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router
from django.db.transaction import atomic
from django.utils.timezone import now as tz_now

CULL_CHECK_EVERY = 50


class DatabaseCache(DjangoDatabaseCache):
    """A `DatabaseCache` whose `set`/`set_many` is a single upsert."""

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        """Store one value (one statement)."""
        self.set_many({key: value}, timeout, version)

    def set_many(
        self,
        data: dict[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        """Store every value in one statement; the keys not stored (none, or all of
        them when the database refused the write, as Django's cache does)."""
        if not data:
            return []
        keys = {self.make_and_validate_key(k, version=version): k for k in data}
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        expires = connection.ops.adapt_datetimefield_value(self._expiry(timeout))
        params: list[Any] = []
        for key, original in keys.items():
            params += [key, self._encode(data[original]), expires]
        table = connection.ops.quote_name(self._table)  # from settings, quoted
        values = ", ".join(["(%s, %s, %s)"] * len(keys))
        sql = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES {values}"  # noqa: S608
            " ON CONFLICT (cache_key) DO UPDATE"
            " SET value = excluded.value, expires = excluded.expires"
        )
        try:
            # Inside a transaction a savepoint keeps a refused write from breaking
            # it; outside one the statement is its own transaction (no BEGIN).
            scope = atomic(using=db) if connection.in_atomic_block else nullcontext()
            with scope, connection.cursor() as cursor:
                if random.randrange(CULL_CHECK_EVERY) == 0:  # noqa: S311
                    self._cull_if_full(db, cursor)
                cursor.execute(sql, params)
        except DatabaseError:
            return list(data)
        return []

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        """Store a value unless a live one is there, in one atomic statement (an
        upsert that only replaces an expired row); True when stored."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        adapt = connection.ops.adapt_datetimefield_value
        now = tz_now().replace(microsecond=0)
        table = connection.ops.quote_name(self._table)  # from settings, quoted
        sql = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)"  # noqa: S608
            " ON CONFLICT (cache_key) DO UPDATE"
            " SET value = excluded.value, expires = excluded.expires"
            f" WHERE {table}.expires < %s"
        )
        params = [key, self._encode(value), adapt(self._expiry(timeout)), adapt(now)]
        try:
            scope = atomic(using=db) if connection.in_atomic_block else nullcontext()
            with scope, connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.rowcount == 1
        except DatabaseError:
            return False

    def _expiry(self, timeout: float | None) -> datetime:
        """When a value stored now with `timeout` expires (whole seconds)."""
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            return datetime.max.replace(microsecond=0)
        zone = UTC if settings.USE_TZ else None
        return datetime.fromtimestamp(seconds, tz=zone).replace(microsecond=0)

    def _encode(self, value: Any) -> str:
        """The column's text: base64 of the pickle, as Django's cache stores it."""
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode(
            "latin1"
        )

    def _cull_if_full(self, db: str, cursor: Any) -> None:
        """Django's culling, when the table holds more than `MAX_ENTRIES`."""
        table = connections[db].ops.quote_name(self._table)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        count = cursor.fetchone()[0]
        if count > self._max_entries:
            self._cull(db, cursor, tz_now().replace(microsecond=0), count)
