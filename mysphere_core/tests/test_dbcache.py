"""The database cache's one-statement writes (`mysphere_core/dbcache.py`)."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mysphere_core import dbcache
from mysphere_core.dbcache import DatabaseCache

pytestmark = pytest.mark.django_db

TABLE = "test_dbcache"


@pytest.fixture
def db_cache() -> DatabaseCache:
    """A database cache on its own table, at most 10 entries, culling half."""
    call_command("createcachetable", TABLE, verbosity=0)
    cache = DatabaseCache(TABLE, {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    cache.clear()
    return cache


def _rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)  # outside a transaction: no savepoint
def test_set_stores_and_overwrites_in_one_statement(db_cache, monkeypatch):
    monkeypatch.setattr(dbcache, "CULL_CHECK_EVERY", 10**9)
    with CaptureQueriesContext(connection) as first:
        db_cache.set("k", {"a": [1, 2]}, 60)
    with CaptureQueriesContext(connection) as second:
        db_cache.set("k", "new", None)
    assert len(first) == 1 and len(second) == 1
    assert "ON CONFLICT" in second[0]["sql"]
    assert db_cache.get("k") == "new"
    assert _rows() == 1


@pytest.mark.django_db(transaction=True)
def test_set_many_is_one_statement_for_every_key(db_cache, monkeypatch):
    monkeypatch.setattr(dbcache, "CULL_CHECK_EVERY", 10**9)
    db_cache.set("b", "old")
    with CaptureQueriesContext(connection) as queries:
        assert db_cache.set_many({"a": 1, "b": 2, "c": None}) == []
    assert len(queries) == 1
    assert db_cache.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": 2, "c": None}
    assert db_cache.set_many({}) == []


def test_timeouts_as_in_django(db_cache):
    db_cache.set("gone", 1, 0)  # 0: expires at once
    db_cache.set("kept", 2, None)  # None: never expires
    db_cache.set("later", 3, 3600)
    assert db_cache.get("gone", "missing") == "missing"
    assert db_cache.get("kept") == 2 and db_cache.get("later") == 3
    assert db_cache.add("kept", 9) is False and db_cache.get("kept") == 2
    assert db_cache.add("gone", 4) is True and db_cache.get("gone") == 4


def test_a_write_inside_a_transaction_commits_and_rolls_back_with_it(db_cache):
    with transaction.atomic():
        db_cache.set("inside", 1)
        assert db_cache.get("inside") == 1
    assert db_cache.get("inside") == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        db_cache.set("undone", 1)
        raise RuntimeError
    assert db_cache.get("undone") is None


def test_the_table_is_culled_past_max_entries(db_cache, monkeypatch):
    monkeypatch.setattr(dbcache, "CULL_CHECK_EVERY", 1)  # check on every write
    for n in range(30):
        db_cache.set(f"key-{n:02}", n)
    assert _rows() <= 11
    assert db_cache.get("key-29") == 29  # the last write is kept
