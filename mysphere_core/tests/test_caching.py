"""The per-user versioned cache, and its invalidation by domain events."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction

from mysphere_core import caching, events

pytestmark = pytest.mark.django_db


def test_versioned_key_carries_feature_user_version_and_parts(user):
    key = caching.versioned_key(user, "expenses", "analytics", date(2026, 1, 5), 7)
    version = caching.user_version(user, "expenses")
    assert key == f"expenses_{user.pk}_{version}_analytics_2026-01-05_7"


def test_version_is_stable_until_bumped(user):
    first = caching.user_version(user, "expenses")
    assert caching.user_version(user, "expenses") == first
    caching.bump_user_version(user.pk, "expenses")
    assert caching.user_version(user, "expenses") != first


def test_versions_are_per_user_and_per_feature(user, other_user):
    before_other = caching.user_version(other_user, "expenses")
    before_feature = caching.user_version(user, "subscriptions")
    caching.bump_user_version(user.pk, "expenses")
    assert caching.user_version(other_user, "expenses") == before_other
    assert caching.user_version(user, "subscriptions") == before_feature


def test_cached_computes_once_and_serves_falsy_values():
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return []

    assert caching.cached("probe", compute, 60) == []
    assert caching.cached("probe", compute, 60) == []
    assert calls == [1]


def test_an_event_forgets_the_features_that_declare_it(user, other_user):
    """`user.profile_updated` is in both features' `invalidated_by`."""
    expenses = caching.user_version(user, "expenses")
    subscriptions = caching.user_version(user, "subscriptions")
    users = caching.user_version(user, "users")
    theirs = caching.user_version(other_user, "expenses")
    events.announce("user.profile_updated", user=user, fields=["currency"])
    assert caching.user_version(user, "expenses") != expenses
    assert caching.user_version(user, "subscriptions") != subscriptions
    assert caching.user_version(user, "users") != users
    assert caching.user_version(other_user, "expenses") == theirs


def test_an_expense_event_leaves_subscriptions_caches_alone(user):
    subscriptions = caching.user_version(user, "subscriptions")
    expenses = caching.user_version(user, "expenses")
    events.announce("expense.bulk_created", user=user, expense_ids=[1], count=1)
    assert caching.user_version(user, "subscriptions") == subscriptions
    assert caching.user_version(user, "expenses") != expenses


def test_nothing_is_forgotten_before_the_commit_or_after_a_rollback(user):
    version = caching.user_version(user, "expenses")
    with pytest.raises(RuntimeError), transaction.atomic():
        events.announce("expense.bulk_created", user=user, expense_ids=[1], count=1)
        assert caching.user_version(user, "expenses") == version  # not yet
        raise RuntimeError("roll back")
    assert caching.user_version(user, "expenses") == version
    with transaction.atomic():
        events.announce("expense.bulk_created", user=user, expense_ids=[1], count=1)
        assert caching.user_version(user, "expenses") == version
    assert caching.user_version(user, "expenses") != version  # committed


def test_every_event_is_logged_with_ids_only(user, caplog):
    caplog.set_level("INFO", logger="mysphere.audit")
    events.announce("expense.bulk_created", user=user, expense_ids=[4, 5], count=2)
    record = next(r for r in caplog.records if r.name == "mysphere.audit")
    assert (
        record.getMessage() == f"expense.bulk_created user={user.pk} expense_ids=[4, 5]"
    )
    assert record.expense_ids == [4, 5] and not hasattr(record, "count")


def test_cached_versioned_is_one_cache_read_and_forgets_on_a_bump(user, monkeypatch):
    from django.core.cache import cache

    calls: list[int] = []
    reads: list[str] = []

    def compute() -> int:
        calls.append(1)
        return len(calls) * 10

    class Spy:
        def __getattr__(self, name: str):
            reads.append(name)
            return getattr(cache, name)

    assert caching.cached_versioned(user, "expenses", ("count", "x"), compute, 60) == 10
    monkeypatch.setattr(caching, "cache", Spy())
    again = caching.cached_versioned(user, "expenses", ("count", "x"), compute, 60)
    assert (again, reads) == (10, ["get_many"])
    caching.bump_user_version(user.pk, "expenses")
    assert caching.cached_versioned(user, "expenses", ("count", "x"), compute, 60) == 20


def test_cached_versioned_over_several_features_forgets_on_any_bump(user, monkeypatch):
    from django.core.cache import cache

    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    features = ("expenses", "todos")
    assert caching.cached_versioned(user, features, ("home",), compute, 60) == 1
    reads: list[str] = []

    class Spy:
        def __getattr__(self, name: str):
            reads.append(name)
            return getattr(cache, name)

    monkeypatch.setattr(caching, "cache", Spy())
    assert caching.cached_versioned(user, features, ("home",), compute, 60) == 1
    assert reads == ["get_many"]
    monkeypatch.undo()
    caching.bump_user_version(user.pk, "todos")
    assert caching.cached_versioned(user, features, ("home",), compute, 60) == 2
    caching.bump_user_version(user.pk, "expenses")
    assert caching.cached_versioned(user, features, ("home",), compute, 60) == 3
    caching.bump_user_version(user.pk, "lending")
    assert caching.cached_versioned(user, features, ("home",), compute, 60) == 3


def test_a_version_expires_and_what_was_built_on_it_is_never_served(user):
    """Version keys have a timeout too (every entry does, so the cache holds the
    users of the last 30 days): an expired one is made again with a new value, and
    a value kept under the old one is recomputed, never served."""
    import time_machine
    from django.core.cache import cache

    key = caching.version_key(user.pk, "expenses")
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC), tick=False) as clock:
        assert caching.cached_versioned(user, "expenses", ("n",), count, None) == 1
        old = cache.get(key)
        if hasattr(cache, "ttl"):  # Redis keeps its own clock: read the timeout
            assert 29 * 86400 < cache.ttl(key) <= 30 * 86400
            cache.delete(key)  # what the timeout will do
        else:
            clock.shift(timedelta(days=29))
            assert cache.get(key) == old
            clock.shift(timedelta(days=2))
            assert cache.get(key) is None
        assert caching.cached_versioned(user, "expenses", ("n",), count, None) == 2
        assert cache.get(key) not in (None, old)
