"""The per-user versioned cache shared by the features' services."""

from datetime import date

import pytest
from django.core.cache import cache

from mysphere_core import ai, caching

pytestmark = pytest.mark.django_db


def test_versioned_key_carries_feature_user_version_and_parts(user):
    key = caching.versioned_key(user, "expenses", "analytics", date(2026, 1, 5), 7)
    version = caching.user_version(user, "expenses")
    assert key == f"expenses_{user.pk}_{version}_analytics_2026-01-05_7"


def test_version_is_stable_until_bumped(user):
    first = caching.user_version(user, "expenses")
    assert caching.user_version(user, "expenses") == first
    caching.bump_user_version(user, "expenses")
    assert caching.user_version(user, "expenses") != first


def test_versions_are_per_user_and_per_feature(user, other_user):
    before_other = caching.user_version(other_user, "expenses")
    before_feature = caching.user_version(user, "subscriptions")
    caching.bump_user_version(user, "expenses")
    assert caching.user_version(other_user, "expenses") == before_other
    assert caching.user_version(user, "subscriptions") == before_feature


def test_cached_computes_once_and_serves_falsy_values():
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return []

    assert caching.cached("k", compute, 60) == []
    assert caching.cached("k", compute, 60) == []
    assert len(calls) == 1


def test_invalidate_forgets_versioned_values_and_ai_insights(user):
    key = caching.versioned_key(user, "expenses", "categories")
    assert caching.cached(key, lambda: "old", 60) == "old"
    cache.set(ai.insight_cache_key(user, "expenses"), {"x": 1}, 60)

    caching.invalidate_user_caches(user=user, feature="expenses")

    fresh = caching.versioned_key(user, "expenses", "categories")
    assert fresh != key
    assert caching.cached(fresh, lambda: "new", 60) == "new"
    assert cache.get(ai.insight_cache_key(user, "expenses")) is None


def test_invalidate_runs_again_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        caching.invalidate_user_caches(user=user, feature="expenses")
    # A read racing the uncommitted write re-caches under the bumped version...
    racing = caching.versioned_key(user, "expenses", "analytics")
    caching.cached(racing, lambda: "stale", 60)
    assert len(callbacks) == 1
    callbacks[0]()
    # ...and the commit forgets it again.
    assert caching.versioned_key(user, "expenses", "analytics") != racing
