"""Per-user versioned caches: one write forgets every cached read of a feature.

A feature caches a user's derived data (analytics, list counts) under keys that
carry the user's current *version* for that feature. A write bumps the version, so
every key built on the old one is never read again (and expires on its own): no key
listing, no pattern deletes, the same on local memory and Redis.

    key = versioned_key(user, "expenses", "analytics", date_from, date_to)
    data = cached(key, lambda: compute(...), timeout=3600)
    invalidate_user_caches(user=user, feature="expenses")   # from every write
"""

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction

from mysphere_core import ai

T = TypeVar("T")
_MISSING = object()


def version_key(user: AbstractBaseUser, feature: str) -> str:
    """Cache key holding the user's current version for the feature."""
    return f"cache_version_{feature}_{user.pk}"


def user_version(user: AbstractBaseUser, feature: str) -> str:
    """The user's current version; a missing one is created (never reused)."""
    key = version_key(user, feature)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return str(version)


def bump_user_version(user: AbstractBaseUser, feature: str) -> None:
    """Give the user a fresh version: every key built on the old one is forgotten."""
    cache.set(version_key(user, feature), uuid.uuid4().hex, None)


def versioned_key(user: AbstractBaseUser, feature: str, *parts: object) -> str:
    """`{feature}_{user_id}_{version}_{part}_...`, dates as ISO strings."""
    rendered = [p.isoformat() if hasattr(p, "isoformat") else str(p) for p in parts]
    return "_".join([feature, str(user.pk), user_version(user, feature), *rendered])


def cached(key: str, compute: Callable[[], T], timeout: int | None) -> T:
    """The value cached under `key`, else `compute()` stored for `timeout` seconds."""
    value: Any = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def invalidate_user_caches(*, user: AbstractBaseUser, feature: str) -> None:
    """Forget the user's versioned caches and AI insights of the feature.

    Done at once and again after the surrounding transaction commits, so a read
    racing an uncommitted write cannot re-cache stale data.
    """

    def _forget() -> None:
        bump_user_version(user, feature)
        ai.invalidate(user=user, feature=feature)

    _forget()
    transaction.on_commit(_forget)
