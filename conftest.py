"""Fixtures every app's tests share: API clients, users, a clean cache."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from users.services import UserService

DEFAULT_PASSWORD = "Sphere-Pass-2026!"


@pytest.fixture(autouse=True)
def _clean_cache_and_fast_hasher(settings) -> None:
    """Each test starts with an empty cache (throttles, AI caches) and fast hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def make_user(db) -> Callable:
    """Create a user (with profile) through the service, as registration does."""
    counter = {"n": 0}

    def _make(username: str | None = None, **kwargs) -> object:
        counter["n"] += 1
        name = username or f"user{counter['n']}"
        return UserService.register(
            username=name,
            email=kwargs.pop("email", f"{name}@example.com"),
            password=kwargs.pop("password", DEFAULT_PASSWORD),
            profile=kwargs.pop("profile", None),
            **kwargs,
        )

    return _make


@pytest.fixture
def user(make_user) -> object:
    """The main test user."""
    return make_user("alice")


@pytest.fixture
def other_user(make_user) -> object:
    """Another user whose data must stay invisible."""
    return make_user("bob")


def _client_for(user: object) -> APIClient:
    client = APIClient()
    access = UserService.tokens_for(user=user)["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


@pytest.fixture
def auth_client(user) -> APIClient:
    """An API client carrying a real JWT of `user`."""
    return _client_for(user)


@pytest.fixture
def other_client(other_user) -> APIClient:
    """An API client carrying a real JWT of `other_user`."""
    return _client_for(other_user)
