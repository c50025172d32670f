"""Fixtures every app's tests share: API clients, users, frozen time, clean cache,
the Gemini stub, and commit hooks that run as they do in production.

Tests take these as fixtures; nothing imports this module.
"""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from mysphere_core import throttling
from mysphere_core.testing import STUB_API_KEY, GeminiStub
from users.services import UserService
from users.tests.factories import UserFactory

# Property tests draw the same examples on every run (CI stays deterministic; a new
# failure is a real one). `HYPOTHESIS_PROFILE=explore` draws new ones each run.
hypothesis_settings.register_profile("default", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", max_examples=1000, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

NOW = "2026-11-22 12:00:00+00:00"  # a Sunday


@pytest.fixture(autouse=True)
def _isolated_settings(settings) -> Iterator[None]:
    """Each test: empty cache (throttles, AI caches) and no throttle batches, fast
    hashing, AI off-network.

    With no key, every AI path answers from its fallback; the base URL points at a
    closed local port so nothing could reach Google even if a key leaked in.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GEMINI_API_KEY = ""
    settings.GEMINI_BASE_URL = "http://127.0.0.1:9"
    settings.AI_INSIGHTS_ENABLED = True
    settings.AI_MAX_CALLS_PER_DAY = 3
    settings.AI_MAX_PARSE_CALLS_PER_DAY = 50
    settings.FEATURE_FLAGS = dict.fromkeys(settings.FEATURE_FLAGS, True)
    cache.clear()
    throttling.forget_leases()
    yield
    cache.clear()


@pytest.fixture
def gemini_stub(settings) -> Iterator[GeminiStub]:
    """A running Gemini stub with the real SDK pointed at it (key set, 5 s timeout)."""
    stub = GeminiStub()
    settings.GEMINI_API_KEY = STUB_API_KEY
    settings.GEMINI_BASE_URL = stub.url
    settings.AI_TIMEOUT_SECONDS = 5
    settings.AI_RETRY_BACKOFF_SECONDS = 0  # retries do not wait in tests
    yield stub
    stub.stop()


@pytest.fixture
def frozen() -> Iterator[Any]:
    """Time stands at NOW (a Sunday); list it before client fixtures so that tokens
    are issued then. Tests may `frozen.shift(...)` or `frozen.move_to(...)`."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def make_user(db) -> Callable[..., Any]:
    """Create a user (with profile) through the service, as registration does:
    `make_user()`, `make_user("zoe", profile={"currency": "EUR"})`."""

    def _make(username: str | None = None, **kwargs: Any) -> Any:
        return UserFactory(**({"username": username} if username else {}), **kwargs)

    return _make


@pytest.fixture
def user(make_user) -> Any:
    """The main test user."""
    return make_user("alice")


@pytest.fixture
def other_user(make_user) -> Any:
    """Another user whose data must stay invisible."""
    return make_user("bob")


@pytest.fixture
def client_for() -> Callable[[Any], APIClient]:
    """`client_for(user)`: an API client carrying a real JWT of that user."""

    def _client(user: Any) -> APIClient:
        client = APIClient()
        access = UserService.tokens_for(user=user)["access"]
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        return client

    return _client


@pytest.fixture
def auth_client(user, client_for) -> APIClient:
    """An API client carrying a real JWT of `user`."""
    return client_for(user)


@pytest.fixture
def other_client(other_user, client_for) -> APIClient:
    """An API client carrying a real JWT of `other_user`."""
    return client_for(other_user)


def _only_test_blocks(connection: BaseDatabaseWrapper) -> bool:
    """True when every open atomic block is one the test case itself opened."""
    return all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def _commit_hooks_as_in_production(monkeypatch) -> None:
    """Run `on_commit` hooks (domain events) when the code's own transaction commits.

    A test's wrapping transaction never commits, so Django would never run them.
    Here a hook registered outside any block of the code runs at once (autocommit),
    and one registered inside runs when the code's outermost block exits cleanly;
    a rolled-back block's hooks are dropped, as Django drops them.
    """
    original_on_commit = BaseDatabaseWrapper.on_commit
    original_exit = transaction.Atomic.__exit__

    def on_commit(self, func: Callable, robust: bool = False) -> None:
        if self.in_atomic_block and _only_test_blocks(self):
            func()
        else:
            original_on_commit(self, func, robust)

    def atomic_exit(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        code_block = not self._from_testcase and connection.in_atomic_block
        if code_block and exc_type is None and _only_test_blocks(connection):
            hooks, connection.run_on_commit = connection.run_on_commit, []
            for _, func, _ in hooks:
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", atomic_exit)
