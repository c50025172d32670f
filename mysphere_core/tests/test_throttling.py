"""The generous per-client throttles count in fixed windows, one small counter each."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache

from mysphere_core import throttling
from mysphere_core.throttling import UserRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    rates = {**UserRateThrottle.THROTTLE_RATES, "user": "3/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)


def test_the_user_limit_holds_then_the_next_window_opens(
    frozen, auth_client, three_a_minute
):
    statuses = [auth_client.get("/api/users/me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = auth_client.get("/api/users/me/").json()
    assert refused["code"] == "throttled"
    assert 0 < refused["retry_after_seconds"] <= 60
    frozen.shift(timedelta(seconds=60))
    assert auth_client.get("/api/users/me/").status_code == 200


def test_one_small_counter_per_client_and_window(
    frozen, auth_client, user, three_a_minute
):
    auth_client.get("/api/users/me/")
    auth_client.get("/api/users/me/")
    window = int(time.time() // 60)
    assert cache.get(f"throttle_user_{user.pk}_w{window}") == 2


@pytest.fixture
def three_hundred_a_minute(monkeypatch):
    rates = {**UserRateThrottle.THROTTLE_RATES, "user": "300/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(throttling, "_leases", {})


def test_a_worker_reserves_one_percent_of_the_rate_at_a_time(
    frozen, auth_client, user, three_hundred_a_minute
):
    key = f"throttle_user_{user.pk}_w{int(time.time() // 60)}"
    auth_client.get("/api/users/me/")
    assert cache.get(key) == 3
    auth_client.get("/api/users/me/")
    auth_client.get("/api/users/me/")
    assert cache.get(key) == 3
    auth_client.get("/api/users/me/")
    assert cache.get(key) == 6


def test_a_batch_never_lets_more_than_the_rate_through(
    frozen, auth_client, user, three_hundred_a_minute
):
    key = f"throttle_user_{user.pk}_w{int(time.time() // 60)}"
    cache.set(key, 299, 60)  # other workers used 299 of the 300
    assert auth_client.get("/api/users/me/").status_code == 200
    assert auth_client.get("/api/users/me/").status_code == 429
