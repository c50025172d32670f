"""A cache that may fail: its outage slows nothing and serves nothing stale.

`ResilientCacheMixin` wraps a cache backend (Redis in production) so that a cache
that is down, paused or slow is a cache miss, never an error: reads answer the
default (the caller computes), writes answer "not stored" (`set_many` returns the
keys it could not store, as Django's API says), `incr` raises `CacheUnavailable`.
Every call is bounded by the socket timeouts in settings (`CACHE_SOCKET_TIMEOUT`),
and after a failure this process skips the cache for `CACHE_RETRY_SECONDS`, so a
request pays the timeout once, not once per cache call. The skip is only about the
connection; no data is kept in the process.

A write whose cache versions could not be bumped raises the user's cache generation
in the database instead (`caching.forget_on_event`), so what was cached before it
is never read again once the cache is back.
"""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
FAILURES = (ConnectionInterrupted, RedisError, OSError)


class CacheUnavailable(RuntimeError):
    """The cache could not be reached (a counter could not be counted)."""


class _Breaker:
    """Skips the cache for a while after a failure (this process only)."""

    def __init__(self) -> None:
        self._until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        """True while the cache is skipped."""
        return time.monotonic() < self._until

    def trip(self, exc: BaseException) -> None:
        """Skip the cache for CACHE_RETRY_SECONDS from now."""
        with self._lock:
            if not self.is_open():
                logger.warning("Cache unavailable (%s); computing without it", exc)
            self._until = time.monotonic() + settings.CACHE_RETRY_SECONDS

    def reset(self) -> None:
        """Use the cache again at once."""
        with self._lock:
            self._until = 0.0


breaker = _Breaker()
_SKIPPED = ConnectionInterrupted(connection=None)


class ResilientCacheMixin:
    """Cache failures become misses and "not stored" (see the module docstring)."""

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """The backend's method; any failure (or the skip) raised as `_SKIPPED`."""
        if breaker.is_open():
            raise _SKIPPED
        try:
            return getattr(super(), name)(*args, **kwargs)
        except FAILURES as exc:
            breaker.trip(exc)
            raise _SKIPPED from exc

    def _or(self, fallback: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        """The call's answer, or `fallback` when the cache failed."""
        try:
            return self._call(name, *args, **kwargs)
        except ConnectionInterrupted:
            return fallback

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        """The cached value, or `default` (also when the cache is down)."""
        return self._or(default, "get", key, default, version=version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        """The cached values found ({} when the cache is down)."""
        return self._or({}, "get_many", keys, version=version)

    def has_key(self, key: str, version: int | None = None) -> bool:
        """Whether the key is cached (False when the cache is down)."""
        return self._or(False, "has_key", key, version=version)

    def set(self, key: str, value: Any, *args: Any, **kwargs: Any) -> bool:
        """Store a value; False when the cache is down."""
        return self._or(False, "set", key, value, *args, **kwargs) is not False

    def add(self, key: str, value: Any, *args: Any, **kwargs: Any) -> bool:
        """Store a value if absent; False when present or the cache is down."""
        return bool(self._or(False, "add", key, value, *args, **kwargs))

    def set_many(self, data: dict[str, Any], *args: Any, **kwargs: Any) -> list:
        """Store values; the keys not stored (all of them when the cache is down)."""
        failed = self._or(list(data), "set_many", data, *args, **kwargs)
        return list(failed or [])

    def delete(self, key: str, version: int | None = None) -> bool:
        """Forget a key; False when the cache is down."""
        return bool(self._or(False, "delete", key, version=version))

    def delete_many(self, keys: Any, version: int | None = None) -> Any:
        """Forget keys (nothing when the cache is down)."""
        return self._or(None, "delete_many", keys, version=version)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add to a counter; `CacheUnavailable` when the cache is down."""
        try:
            return self._call("incr", key, delta, version=version)
        except ConnectionInterrupted as exc:
            raise CacheUnavailable("The cache is unavailable.") from exc

    def probe(self) -> bool:
        """True when the cache stores and returns a value now (ignores the skip)."""
        try:
            super().set("health_check_probe", "ok", 10)
            healthy = super().get("health_check_probe") == "ok"
        except FAILURES as exc:
            breaker.trip(exc)
            return False
        if healthy:
            breaker.reset()
        return healthy


class RedisCache(ResilientCacheMixin, DjangoRedisCache):
    """django-redis, resilient: what `REDIS_URL` configures."""
