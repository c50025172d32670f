"""Per-user versioned caches: one write forgets every cached read of a feature.

A feature caches a user's derived data (analytics, list counts, AI insights) under
keys that carry the user's current *version* for that feature. A write bumps the
version, so every key built on the old one is never read again (and expires on its
own): no key listing, no pattern deletes, the same on every cache backend.

    key = versioned_key(user, "expenses", "analytics", date_from, date_to)
    data = cached(key, lambda: compute(...), timeout=3600)
    # the same in one cache read (the value kept with its version):
    data = cached_versioned(user, "expenses", ("count", digest), compute, 3600)

Services never call this module to forget: they announce domain events
(`mysphere_core/events.py`), and `forget_on_event` below bumps the version of every
feature whose declaration lists the event's feature in `invalidated_by`.

A version key lives `CACHE_VERSION_TIMEOUT` (30 days) after its last change: one that
has expired is made again with a new random value (never reused), so the values built
on the old one are unreachable, never stale. Every entry has a timeout.

A version is the cache's random value plus the user's *generation*, kept in the
database (`CacheGenerationModel`, read in the query that authenticates the request).
When the cache cannot take a bump (down, paused, timing out), the generation is
raised instead: every entry of that user computed before the write is unreachable
once the cache is back, so a cache outage never leaves a stale answer behind.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import F

from mysphere_core import events
from mysphere_core.events import DomainEvent
from mysphere_core.features import all_features
from mysphere_core.models import CacheGenerationModel

logger = logging.getLogger(__name__)

T = TypeVar("T")
_MISSING = object()


def version_key(user_id: int, feature: str) -> str:
    """Cache key holding the user's current version for the feature."""
    return f"cache_version_{feature}_{user_id}"


# The generation read in the authenticating query (`users/sessions.py`) as SQL.
GENERATION_SQL = (
    f"COALESCE((SELECT generation FROM {CacheGenerationModel._meta.db_table} "  # noqa: S608
    "WHERE user_id = auth_user.id), 0)"
)


def generation(user: AbstractBaseUser) -> int:
    """The user's cache generation (read once per user object)."""
    found = getattr(user, "cache_generation", None)
    if found is None:
        rows = CacheGenerationModel.objects.filter(user_id=user.pk)
        found = rows.values_list("generation", flat=True).first() or 0
        user.cache_generation = found
    return found


def raise_generation(user_id: int) -> None:
    """Make every cached entry of the user unreachable, without the cache."""
    rows = CacheGenerationModel.objects.filter(user_id=user_id)
    if not rows.update(generation=F("generation") + 1):
        CacheGenerationModel.objects.get_or_create(
            user_id=user_id, defaults={"generation": 1}
        )


def _stored_version(user: AbstractBaseUser, feature: str) -> str:
    """The cache's version value; a missing one is created (never reused); a fresh
    one that nothing can match when the cache is down."""
    key = version_key(user.pk, feature)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, settings.CACHE_VERSION_TIMEOUT)
        version = cache.get(key) or uuid.uuid4().hex
    return str(version)


def user_version(user: AbstractBaseUser, feature: str) -> str:
    """The user's current version of the feature: `{value}.{generation}`."""
    return f"{_stored_version(user, feature)}.{generation(user)}"


def bump_user_version(user_id: int, feature: str) -> None:
    """Give the user a fresh version: every key built on the old one is forgotten."""
    cache.set(
        version_key(user_id, feature),
        uuid.uuid4().hex,
        settings.CACHE_VERSION_TIMEOUT,
    )


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


@dataclass(frozen=True)
class Kept:
    """One value of `cached_versioned_many`: computed by `compute`, kept until any
    of `features` changes, under `parts` (what else it depends on: a date...)."""

    features: tuple[str, ...]
    parts: tuple[object, ...]
    compute: Callable[[], Any]


def cached_versioned(
    user: AbstractBaseUser,
    feature: str | tuple[str, ...],
    parts: tuple[object, ...],
    compute: Callable[[], T],
    timeout: int | None,
) -> T:
    """Like `cached(versioned_key(...), ...)` in one cache read instead of two: the
    value is kept with the version it was computed under, read with the version.
    `feature` may be several features: the value then lives until any of them
    changes (the versions of all of them are read in the same one cache read)."""
    features = (feature,) if isinstance(feature, str) else feature
    kept = {"value": Kept(features, parts, compute)}
    return cached_versioned_many(user, kept, timeout)["value"]


def cached_versioned_many(
    user: AbstractBaseUser, entries: dict[str, Kept], timeout: int | None
) -> dict[str, Any]:
    """Several `cached_versioned` values in one cache read (their versions and
    them) and one write of those that had to be computed: name -> value. Each
    lives until one of its own features changes, so a write recomputes only the
    values that read its feature."""
    keys = {name: _kept_key(user, entry) for name, entry in entries.items()}
    vkeys = {
        name: version_key(user.pk, name)
        for name in sorted({f for entry in entries.values() for f in entry.features})
    }
    found = cache.get_many([*vkeys.values(), *keys.values()])
    versions = {
        name: _stored_version(user, name) if found.get(vkey) is None else found[vkey]
        for name, vkey in vkeys.items()
    }
    values, fresh = {}, {}
    for name, entry in entries.items():
        wanted = tuple(str(versions[f]) for f in entry.features) + (generation(user),)
        stored = found.get(keys[name])
        if isinstance(stored, tuple) and stored[0] == wanted:
            values[name] = stored[1]
            continue
        values[name] = entry.compute()
        fresh[keys[name]] = (wanted, values[name])
    if fresh:
        cache.set_many(fresh, timeout)
    return values


def _kept_key(user: AbstractBaseUser, entry: Kept) -> str:
    """The cache key of a `Kept` value of the user."""
    rendered = [
        p.isoformat() if hasattr(p, "isoformat") else str(p) for p in entry.parts
    ]
    return "_".join(["+".join(entry.features), str(user.pk), "current", *rendered])


@events.on_every()
def forget_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """After a committed write, forget the caches of every feature it affects; when
    the cache cannot take it, raise the user's generation instead."""
    fresh = {
        version_key(event.user_id, config.feature): uuid.uuid4().hex
        for config in all_features()
        if event.feature in config.invalidated_by
    }
    if fresh and cache.set_many(fresh, settings.CACHE_VERSION_TIMEOUT):
        logger.warning(
            "Cache versions not bumped; user %s's generation raised", event.user_id
        )
        raise_generation(event.user_id)
