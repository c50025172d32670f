"""Health that tells the truth, and a cache outage that slows nothing, breaks nothing
and leaves nothing stale: a full disk (SQLite's max_page_count) and a cache that
stops (the resilient backend over a stoppable local memory, as Redis would)."""

from collections.abc import Iterator

import pytest
from django.db import connection

from mysphere_core.resilient_cache import breaker
from mysphere_core.testing import StoppableCache
from users.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
EXPENSES = "/api/expenses/"


@pytest.fixture
def full_disk() -> Iterator[None]:
    """The database file may not grow by one page (SQLite only)."""
    if connection.vendor != "sqlite":
        pytest.skip("max_page_count is SQLite's")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute("PRAGMA freelist_count")
        (free,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    if free:
        pytest.skip("the file has free pages: not full")
    yield
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def stoppable_cache(settings) -> Iterator[type[StoppableCache]]:
    """The resilient cache over local memory; `.stop()` and `.start()` it."""
    settings.CACHES = {
        "default": {"BACKEND": "mysphere_core.testing.StoppableCache"},
    }
    breaker.reset()
    yield StoppableCache
    StoppableCache.start()
    breaker.reset()


class TestFullDisk:
    def test_ready_and_health_fail_while_no_write_fits(self, api_client, full_disk):
        ready = api_client.get("/ready/")
        assert ready.status_code == 503
        assert ready.json()["checks"]["database"] == "unhealthy"
        health = api_client.get("/health/")
        assert (health.status_code, health.json()["status"]) == (503, "unhealthy")

    def test_ready_again_once_there_is_room(self, api_client, full_disk):
        assert api_client.get("/ready/").status_code == 503
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
        assert api_client.get("/ready/").status_code == 200
        assert api_client.get("/health/").json()["status"] == "healthy"


class TestCacheOutage:
    def test_ready_is_503_and_health_degraded_while_the_cache_is_down(
        self, api_client, stoppable_cache
    ):
        assert api_client.get("/ready/").status_code == 200
        stoppable_cache.stop()
        ready = api_client.get("/ready/")
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"database": "healthy", "cache": "unhealthy"}
        health = api_client.get("/health/")
        assert (health.status_code, health.json()["status"]) == (200, "degraded")
        stoppable_cache.start()
        assert api_client.get("/ready/").status_code == 200

    def test_login_and_reads_are_computed_without_it(
        self, frozen, api_client, auth_client, user, stoppable_cache
    ):
        auth_client.post(EXPENSES, _expense("12.50"), format="json")
        stoppable_cache.stop()
        login = api_client.post(
            "/api/users/login/",
            {"username": user.username, "password": DEFAULT_PASSWORD},
            format="json",
        )
        assert login.status_code == 200
        assert _usd_total(auth_client) == "12.50"
        assert auth_client.get("/api/dashboard/").status_code == 200
        assert auth_client.get(f"{EXPENSES}categories/").status_code == 200
        assert auth_client.get(EXPENSES).json()["count"] == 1

    def test_a_write_during_the_outage_leaves_nothing_stale(
        self, frozen, auth_client, stoppable_cache
    ):
        auth_client.post(EXPENSES, _expense("10.00"), format="json")
        assert _usd_total(auth_client) == "10.00"  # cached now
        assert auth_client.get(EXPENSES).json()["count"] == 1
        stoppable_cache.stop()
        resp = auth_client.post(EXPENSES, _expense("5.00"), format="json")
        assert resp.status_code == 201  # its cache bump is lost
        stoppable_cache.start()
        breaker.reset()
        for _ in range(4):
            assert _usd_total(auth_client) == "15.00"
            assert auth_client.get(EXPENSES).json()["count"] == 2

    def test_a_down_cache_is_asked_once_then_skipped(
        self, auth_client, stoppable_cache
    ):
        stoppable_cache.stop()
        calls = []
        original = StoppableCache._check

        def counted(self):
            calls.append(1)
            original(self)

        StoppableCache._check = counted
        try:
            for _ in range(3):
                assert auth_client.get(f"{EXPENSES}analytics/").status_code == 200
        finally:
            StoppableCache._check = original
        assert len(calls) == 1


def _expense(amount: str) -> dict[str, str]:
    return {"amount": amount, "category": "Groceries", "transaction_date": "2026-11-20"}


def _usd_total(client) -> str:
    resp = client.get(f"{EXPENSES}analytics/")
    assert resp.status_code == 200
    return resp.json()["currencies"][0]["total"]


def test_a_write_on_a_full_disk_is_a_503_saying_so(auth_client, full_disk):
    for n in range(1, 300):  # until the pages the file has are used up
        body = {**_expense(f"{n}.00"), "notes": "n" * 2000}
        resp = auth_client.post(EXPENSES, body, format="json")
        if resp.status_code != 201:
            break
    assert resp.status_code == 503
    assert resp.json()["code"] == "storage_full"
