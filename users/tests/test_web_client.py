"""The web app's sign-in: the refresh token in an HttpOnly cookie, never in a body."""

import pytest
from rest_framework.test import APIClient

from users.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/api/users/login/"
REGISTER = "/api/users/register/"
REFRESH = "/api/users/token/refresh/"
COOKIE_LOGOUT = "/api/users/token/logout/"
ME = "/api/users/me/"
COOKIE = "mysphere_refresh"
WEB = {"HTTP_X_MYSPHERE_CLIENT": "web"}
SEVEN_DAYS = 7 * 24 * 3600


def _web_login(client: APIClient, **extra: str):
    body = {"username": "alice", "password": DEFAULT_PASSWORD}
    return client.post(LOGIN, body, format="json", **WEB, **extra)


def _set_cookie_header(resp) -> str:
    """The Set-Cookie line of the refresh cookie, as the browser gets it."""
    return resp.cookies[COOKIE].output(header="").strip()


def _attributes(resp) -> dict[str, str]:
    """The cookie's attributes, lower-cased names (`httponly` has an empty value)."""
    parts = [p.strip() for p in _set_cookie_header(resp).split(";")]
    pairs = [p.partition("=") for p in parts[1:]]
    return {name.lower(): value for name, _, value in pairs}


class TestWebLogin:
    def test_login_sets_the_cookie_and_keeps_refresh_out_of_the_body(
        self, api_client, user
    ):
        resp = _web_login(api_client)
        assert resp.status_code == 200
        body = resp.json()
        assert set(body) == {"access", "user"}
        assert body["user"]["username"] == "alice"
        assert resp.cookies[COOKIE].value.count(".") == 2  # a JWT
        attributes = _attributes(resp)
        assert attributes == {
            "httponly": "",
            "samesite": "Strict",
            "path": "/api/users/token/",
            "max-age": str(SEVEN_DAYS),
            "expires": attributes["expires"],
        }
        me = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {body['access']}")
        assert me.status_code == 200

    def test_the_cookie_is_secure_under_https(self, api_client, user):
        resp = _web_login(api_client, secure=True)
        assert _attributes(resp)["secure"] == ""

    def test_register_sets_the_cookie_too(self, api_client):
        body = {
            "username": "carol",
            "email": "carol@example.com",
            "password": DEFAULT_PASSWORD,
        }
        resp = api_client.post(REGISTER, body, format="json", **WEB)
        assert resp.status_code == 201
        assert set(resp.json()) == {"access", "user"}
        assert _attributes(resp)["samesite"] == "Strict"

    def test_api_clients_are_unchanged(self, api_client, user):
        body = {"username": "alice", "password": DEFAULT_PASSWORD}
        resp = api_client.post(LOGIN, body, format="json")
        assert set(resp.json()) == {"access", "refresh", "user"}
        assert COOKIE not in resp.cookies
        rotated = api_client.post(REFRESH, {"refresh": resp.json()["refresh"]})
        assert rotated.status_code == 200
        assert set(rotated.json()) == {"access", "refresh"}
        assert COOKIE not in rotated.cookies


class TestCookieRefresh:
    def test_refresh_rotates_the_cookie_and_refuses_the_old_one(self, api_client, user):
        old = _web_login(api_client).cookies[COOKIE].value
        resp = api_client.post(REFRESH, {}, format="json", **WEB)
        assert resp.status_code == 200
        assert set(resp.json()) == {"access"}
        new = resp.cookies[COOKIE].value
        assert new and new != old
        assert _attributes(resp)["httponly"] == ""
        me = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {resp.json()['access']}")
        assert me.status_code == 200

        stale = APIClient()
        stale.cookies[COOKIE] = old
        again = stale.post(REFRESH, **WEB)
        assert again.status_code == 401
        assert again.json()["code"] == "token_not_valid"
        assert again.cookies[COOKIE].value == ""
        assert _attributes(again)["max-age"] == "0"
        assert api_client.post(REFRESH, **WEB).status_code == 200  # the new one lives

    def test_no_cookie_is_401_and_clears_it(self, api_client, db):
        resp = api_client.post(REFRESH, **WEB)
        assert resp.status_code == 401
        assert resp.json()["code"] == "not_authenticated"
        assert _attributes(resp)["max-age"] == "0"

    def test_garbage_cookie_is_401(self, api_client, db):
        api_client.cookies[COOKIE] = "not-a-token"
        resp = api_client.post(REFRESH, **WEB)
        assert resp.status_code == 401
        assert resp.json()["code"] == "token_not_valid"

    def test_the_cookie_alone_without_the_header_is_refused(self, api_client, user):
        _web_login(api_client)
        resp = api_client.post(REFRESH, {}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {"refresh": ["This field is required."]}

    @pytest.mark.parametrize(
        "origin",
        ["http://testserver", "http://localhost:5173", "http://localhost:3000"],
    )
    def test_own_and_trusted_origins_may_refresh(self, api_client, user, origin):
        _web_login(api_client)
        resp = api_client.post(REFRESH, HTTP_ORIGIN=origin, **WEB)
        assert resp.status_code == 200

    @pytest.mark.parametrize(
        "origin", ["http://evil.example", "https://testserver", "null"]
    )
    def test_a_foreign_origin_is_refused(self, api_client, user, origin):
        _web_login(api_client)
        resp = api_client.post(REFRESH, HTTP_ORIGIN=origin, **WEB)
        assert resp.status_code == 403
        assert resp.json()["code"] == "origin_not_allowed"
        assert COOKIE not in resp.cookies  # a foreign page cannot clear it either
        assert api_client.post(REFRESH, **WEB).status_code == 200

    def test_wildcard_trusted_origins_count(self, api_client, user, settings):
        settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.com"]
        _web_login(api_client)
        ok = api_client.post(REFRESH, HTTP_ORIGIN="https://app.example.com", **WEB)
        assert ok.status_code == 200
        no = api_client.post(REFRESH, HTTP_ORIGIN="http://app.example.com", **WEB)
        assert no.status_code == 403


class TestCookieLogout:
    def test_logout_clears_the_cookie_and_ends_the_session(self, api_client, user):
        access = _web_login(api_client).json()["access"]
        refresh = api_client.cookies[COOKIE].value
        resp = api_client.post(COOKIE_LOGOUT, HTTP_ORIGIN="http://testserver", **WEB)
        assert resp.status_code == 200
        assert resp.json() == {"detail": "Logged out."}
        assert resp.cookies[COOKIE].value == ""
        assert _attributes(resp)["max-age"] == "0"
        assert _attributes(resp)["path"] == "/api/users/token/"
        me = APIClient().get(ME, HTTP_AUTHORIZATION=f"Bearer {access}")
        assert me.status_code == 401
        assert me.json()["code"] == "token_not_valid"
        replay = APIClient()
        replay.cookies[COOKIE] = refresh
        assert replay.post(REFRESH, **WEB).status_code == 401

    def test_logout_is_idempotent(self, api_client, db):
        resp = api_client.post(COOKIE_LOGOUT, **WEB)
        assert resp.status_code == 200
        assert _attributes(resp)["max-age"] == "0"
        api_client.cookies[COOKIE] = "garbage"
        assert api_client.post(COOKIE_LOGOUT, **WEB).status_code == 200

    def test_an_expired_access_token_does_not_stop_the_logout(self, api_client, user):
        _web_login(api_client)
        api_client.credentials(HTTP_AUTHORIZATION="Bearer expired.or.garbage")
        assert api_client.post(COOKIE_LOGOUT, **WEB).status_code == 200
        api_client.credentials()
        assert api_client.post(REFRESH, **WEB).status_code == 401

    def test_logout_needs_the_header_and_a_friendly_origin(self, api_client, user):
        _web_login(api_client)
        bare = api_client.post(COOKIE_LOGOUT)
        assert bare.status_code == 403
        assert bare.json()["code"] == "web_client_required"
        evil = api_client.post(COOKIE_LOGOUT, HTTP_ORIGIN="http://evil.example", **WEB)
        assert evil.status_code == 403
        assert evil.json()["code"] == "origin_not_allowed"
        assert api_client.post(REFRESH, **WEB).status_code == 200  # still signed in


def test_a_dev_server_on_another_port_may_send_the_header(api_client):
    resp = api_client.options(
        REFRESH,
        HTTP_ORIGIN="http://localhost:5173",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, x-mysphere-client",
    )
    assert resp["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert "x-mysphere-client" in resp["Access-Control-Allow-Headers"]
    assert resp["Access-Control-Allow-Credentials"] == "true"
