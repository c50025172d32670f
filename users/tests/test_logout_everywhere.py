"""Log out everywhere: every session of the user ends, on every device, at once."""

from datetime import UTC, datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from users.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/api/users/login/"
REFRESH = "/api/users/token/refresh/"
EVERYWHERE = "/api/users/logout-everywhere/"
ME = "/api/users/me/"
COOKIE = "mysphere_refresh"
WEB = {"HTTP_X_MYSPHERE_CLIENT": "web"}


def _device(username: str = "alice", **headers: str) -> tuple[APIClient, dict]:
    """A device that logged in: its client (the web one keeps the cookie) and tokens."""
    client = APIClient()
    body = {"username": username, "password": DEFAULT_PASSWORD}
    resp = client.post(LOGIN, body, format="json", **headers)
    assert resp.status_code == 200
    return client, resp.json()


def _me(access: str) -> int:
    return APIClient().get(ME, HTTP_AUTHORIZATION=f"Bearer {access}").status_code


def test_every_device_is_logged_out_and_the_cookie_cleared(user):
    browser, web_tokens = _device(**WEB)
    _, first = _device()
    # The phone has refreshed since: its live refresh token is a rotated one.
    phone = (
        APIClient().post(REFRESH, {"refresh": first["refresh"]}, format="json").json()
    )
    browser.credentials(HTTP_AUTHORIZATION=f"Bearer {web_tokens['access']}")

    resp = browser.post(EVERYWHERE, **WEB)

    assert resp.status_code == 200
    assert resp.json() == {"detail": "Logged out everywhere.", "sessions_ended": 2}
    assert resp.cookies[COOKIE].value == ""
    assert resp.cookies[COOKIE]["max-age"] == 0
    # The other device: its refresh is refused, and so is its access token already.
    again = APIClient().post(REFRESH, {"refresh": phone["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["code"] == "token_not_valid"
    assert _me(phone["access"]) == 401
    assert _me(web_tokens["access"]) == 401
    assert _device()[1]["access"]  # logging in again works


def test_an_expired_session_is_not_counted(user):
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC), tick=False):
        _device()
    _, phone = _device()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {phone['access']}")
    assert client.post(EVERYWHERE).json()["sessions_ended"] == 1


def test_other_users_keep_their_sessions(user, other_user):
    _, alice = _device("alice")
    _, bob = _device("bob")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {alice['access']}")
    assert client.post(EVERYWHERE).status_code == 200
    assert _me(bob["access"]) == 200
    refreshed = APIClient().post(REFRESH, {"refresh": bob["refresh"]}, format="json")
    assert refreshed.status_code == 200


def test_it_needs_a_signed_in_user(api_client, db):
    resp = api_client.post(EVERYWHERE)
    assert resp.status_code == 401
    assert resp.json()["code"] == "not_authenticated"
