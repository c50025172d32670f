"""The users API: registration, login, tokens, profile, passwords, throttling."""

import re
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from mysphere_core.testing import FeatureAPITests
from users.services import UserService
from users.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


class TestUserRoutes(FeatureAPITests):
    """The kit's generated checks on the users' routes (the staff administration)."""

    feature = "users"
    factories = {"admin-user": lambda user: user}
    staff_routes = (
        "admin-user-detail",
        "admin-user-deactivate",
        "admin-user-reactivate",
    )


REGISTER = "/api/users/register/"
LOGIN = "/api/users/login/"
REFRESH = "/api/users/token/refresh/"
LOGOUT = "/api/users/logout/"
ME = "/api/users/me/"
CHANGE_PASSWORD = "/api/users/change-password/"
RESET = "/api/users/password-reset/"
RESET_CONFIRM = "/api/users/password-reset/confirm/"


def _register(client, **overrides):
    body = {
        "username": "carol",
        "email": "carol@example.com",
        "password": DEFAULT_PASSWORD,
        **overrides,
    }
    return client.post(REGISTER, body, format="json")


def _login(client, password=DEFAULT_PASSWORD, **who):
    return client.post(LOGIN, {**who, "password": password}, format="json")


class TestRegister:
    def test_register_returns_user_tokens_and_profile(self, api_client):
        resp = _register(api_client, profile={"currency": "EUR"})
        assert resp.status_code == 201
        body = resp.json()
        assert body["user"]["username"] == "carol"
        assert body["user"]["profile"]["currency"] == "EUR"
        assert body["user"]["profile"]["timezone"] == "UTC"
        assert body["access"] and body["refresh"]
        me = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {body['access']}")
        assert me.status_code == 200
        assert me.json()["email"] == "carol@example.com"

    def test_duplicate_email_in_another_case_is_rejected(self, api_client):
        assert _register(api_client).status_code == 201
        resp = _register(api_client, username="carol2", email="CAROL@Example.COM")
        assert resp.status_code == 400
        assert resp.json() == {"email": ["A user with that email already exists."]}
        assert User.objects.count() == 1

    def test_duplicate_username_is_rejected(self, api_client):
        _register(api_client)
        resp = _register(api_client, email="other@example.com", username="Carol")
        assert resp.status_code == 400
        assert "username" in resp.json()

    def test_weak_password_gets_djangos_message(self, api_client):
        resp = _register(api_client, password="12345678")
        assert resp.status_code == 400
        messages = resp.json()["password"]
        assert "This password is too common." in messages
        assert "This password is entirely numeric." in messages
        assert not User.objects.exists()

    def test_missing_fields_are_named(self, api_client):
        resp = api_client.post(REGISTER, {}, format="json")
        assert resp.status_code == 400
        assert set(resp.json()) == {"username", "email", "password"}

    def test_password_is_stored_with_bcrypt(self, api_client, settings):
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.BCryptSHA256PasswordHasher"
        ]
        assert _register(api_client).status_code == 201
        assert User.objects.get().password.startswith("bcrypt_sha256$")


class TestLogin:
    def test_login_by_username(self, api_client, user):
        resp = _login(api_client, username="alice")
        assert resp.status_code == 200
        assert resp.json()["user"]["username"] == "alice"
        assert resp.json()["access"]

    def test_login_by_email_any_case(self, api_client, user):
        assert _login(api_client, email="ALICE@example.com").status_code == 200
        assert _login(api_client, username="alice@example.com").status_code == 200

    def test_wrong_password_is_401(self, api_client, user):
        resp = _login(api_client, username="alice", password="nope-nope-nope")
        assert resp.status_code == 401
        assert resp.json() == {
            "detail": "Invalid credentials.",
            "code": "invalid_credentials",
        }

    def test_unknown_user_is_401(self, api_client, db):
        assert _login(api_client, username="ghost").status_code == 401

    def test_neither_username_nor_email_is_400(self, api_client, db):
        resp = api_client.post(LOGIN, {"password": "x"}, format="json")
        assert resp.status_code == 400
        assert "username" in resp.json()

    def test_login_is_throttled(self, api_client, user):
        codes = [
            _login(api_client, username="alice", password="bad").status_code
            for _ in range(11)
        ]
        assert codes[:10] == [401] * 10
        assert codes[10] == 429
        assert _login(api_client, username="alice").json()["code"] == "throttled"


class TestTokens:
    def test_refresh_rotates_and_blacklists_the_old_token(self, api_client, user):
        refresh = _login(api_client, username="alice").json()["refresh"]
        resp = api_client.post(REFRESH, {"refresh": refresh}, format="json")
        assert resp.status_code == 200
        assert resp.json()["access"] and resp.json()["refresh"] != refresh
        again = api_client.post(REFRESH, {"refresh": refresh}, format="json")
        assert again.status_code == 401

    def test_refresh_after_logout_is_401(self, api_client, user):
        tokens = _login(api_client, username="alice").json()
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        out = api_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")
        assert out.status_code == 200
        resp = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
        assert resp.status_code == 401
        assert resp.json()["code"] == "token_not_valid"

    def test_logout_ends_the_sessions_access_tokens_at_once(self, user, client_for):
        first = UserService.tokens_for(user=user)
        other_session = client_for(user)
        rotated = APIClient().post(REFRESH, {"refresh": first["refresh"]}).json()
        old, new = APIClient(), APIClient()
        old.credentials(HTTP_AUTHORIZATION=f"Bearer {first['access']}")
        new.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
        assert old.get(ME).status_code == 200
        out = new.post(LOGOUT, {"refresh": rotated["refresh"]}, format="json")
        assert out.status_code == 200
        for client in (old, new):  # the whole session, from before the rotation too
            resp = client.get(ME)
            assert resp.status_code == 401
            assert resp.json()["code"] == "token_not_valid"
        assert other_session.get(ME).status_code == 200  # another login lives on

    def test_a_revoked_session_stays_revoked_when_the_cache_forgets(
        self, user, client_for
    ):
        from django.core.cache import cache

        tokens = UserService.tokens_for(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")
        cache.clear()
        assert client.get(ME).status_code == 401

    def test_logout_with_garbage_token_is_400(self, auth_client):
        resp = auth_client.post(LOGOUT, {"refresh": "garbage"}, format="json")
        assert resp.status_code == 400
        assert "refresh" in resp.json()

    def test_refresh_after_password_change_is_401(self, api_client, user):
        tokens = _login(api_client, username="alice").json()
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        resp = api_client.post(
            CHANGE_PASSWORD,
            {"old_password": DEFAULT_PASSWORD, "new_password": "Brand-New-Pass-77"},
            format="json",
        )
        assert resp.status_code == 200
        refresh = api_client.post(REFRESH, {"refresh": tokens["refresh"]})
        assert refresh.status_code == 401
        api_client.credentials()
        assert _login(api_client, username="alice").status_code == 401
        new_login = _login(api_client, username="alice", password="Brand-New-Pass-77")
        assert new_login.status_code == 200

    def test_change_password_checks_the_old_one(self, auth_client):
        resp = auth_client.post(
            CHANGE_PASSWORD,
            {"old_password": "wrong", "new_password": "Brand-New-Pass-77"},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {"old_password": ["The current password is incorrect."]}

    def test_deactivated_user_cannot_log_in_or_refresh(self, api_client, user):
        tokens = _login(api_client, username="alice").json()
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        assert api_client.delete(ME).status_code == 204
        assert api_client.get(ME).status_code == 401
        api_client.credentials()
        resp = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
        assert resp.status_code == 401
        login = _login(api_client, username="alice")
        assert login.status_code == 401
        assert login.json()["code"] == "account_inactive"
        user.refresh_from_db()
        assert user.is_active is False  # the data stays


class TestPasswordReset:
    def test_reset_sends_one_email_and_the_link_works_once(self, api_client, user):
        resp = api_client.post(RESET, {"email": "Alice@example.com"}, format="json")
        assert resp.status_code == 200
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["alice@example.com"]
        uid = re.search(r"uid=([\w-]+)", mail.outbox[0].body).group(1)
        token = re.search(r"token=([\w-]+)", mail.outbox[0].body).group(1)
        body = {"uid": uid, "token": token, "new_password": "Reset-Pass-2026!"}
        assert api_client.post(RESET_CONFIRM, body, format="json").status_code == 200
        again = api_client.post(RESET_CONFIRM, body, format="json")
        assert again.status_code == 400
        assert again.json() == {"token": ["The reset link is invalid or has expired."]}
        assert (
            _login(
                api_client, username="alice", password="Reset-Pass-2026!"
            ).status_code
            == 200
        )

    def test_the_link_opens_the_web_app_on_the_same_origin(self, api_client, user):
        api_client.post(RESET, {"email": "alice@example.com"}, format="json")
        link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
        page, _, query = link.partition("?")
        assert page == "http://testserver/reset-password"
        params = parse_qs(query)
        assert set(params) == {"uid", "token"}
        body = {
            "uid": params["uid"][0],
            "token": params["token"][0],
            "new_password": "Reset-Pass-2026!",
        }
        assert api_client.post(RESET_CONFIRM, body, format="json").status_code == 200
        login = _login(api_client, username="alice", password=body["new_password"])
        assert login.status_code == 200

    def test_frontend_url_wins_when_set(self, api_client, user, settings):
        settings.FRONTEND_URL = "https://app.example.com/"
        api_client.post(
            RESET, {"email": "alice@example.com"}, format="json", secure=True
        )
        assert "https://app.example.com/reset-password?uid=" in mail.outbox[0].body

    def test_a_host_this_server_does_not_answer_to_gets_no_link(self, api_client, user):
        resp = api_client.post(
            RESET, {"email": "alice@example.com"}, format="json", HTTP_HOST="evil.com"
        )
        assert resp.status_code == 400
        assert mail.outbox == []

    def test_unknown_email_is_also_200_and_sends_nothing(self, api_client, db):
        resp = api_client.post(RESET, {"email": "nobody@example.com"}, format="json")
        assert resp.status_code == 200
        assert mail.outbox == []

    def test_garbage_uid_is_400(self, api_client, db):
        body = {"uid": "!!", "token": "x", "new_password": "Reset-Pass-2026!"}
        assert api_client.post(RESET_CONFIRM, body, format="json").status_code == 400


class TestProfile:
    def test_patch_names_and_profile(self, auth_client):
        resp = auth_client.patch(
            ME,
            {
                "first_name": "Alice",
                "profile": {
                    "timezone": "Europe/Paris",
                    "currency": "EUR",
                    "monthly_income": "4200.50",
                    "financial_goals": ["Emergency fund"],
                    "risk_tolerance": "conservative",
                },
            },
            format="json",
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["first_name"] == "Alice"
        assert body["profile"]["timezone"] == "Europe/Paris"
        assert body["profile"]["monthly_income"] == "4200.50"
        assert body["profile"]["financial_goals"] == ["Emergency fund"]

    def test_unknown_fields_are_a_400_not_ignored(self, auth_client):
        resp = auth_client.patch(
            ME, {"nickname": "Al", "profile": {"colour": "red"}}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json()["nickname"][0].startswith("Unknown field. Use one of:")
        assert resp.json()["profile"]["colour"][0].startswith("Unknown field.")

    def test_username_and_email_change_with_the_current_password(self, auth_client):
        body = {"username": "alicia", "email": "Alicia@Example.COM"}
        refused = auth_client.patch(ME, body, format="json")
        assert refused.status_code == 400
        assert list(refused.json()) == ["current_password"]
        wrong = auth_client.patch(
            ME, {**body, "current_password": "nope"}, format="json"
        )
        assert wrong.status_code == 400
        resp = auth_client.patch(
            ME, {**body, "current_password": DEFAULT_PASSWORD}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["username"] == "alicia"
        assert resp.json()["email"] == "Alicia@example.com"
        login = {"username": "alicia@example.com", "password": DEFAULT_PASSWORD}
        assert APIClient().post("/api/users/login/", login).status_code == 200

    def test_a_taken_username_or_email_is_refused_in_any_case(
        self, auth_client, other_user
    ):
        for field, value in (("username", "BOB"), ("email", "BOB@example.com")):
            resp = auth_client.patch(
                ME, {field: value, "current_password": DEFAULT_PASSWORD}, format="json"
            )
            assert resp.status_code == 400
            assert resp.json() == {field: [f"A user with that {field} already exists."]}
        assert auth_client.get(ME).json()["username"] == "alice"

    def test_currency_in_any_case_is_stored_upper_case(self, auth_client):
        resp = auth_client.patch(ME, {"profile": {"currency": "eur"}}, format="json")
        assert resp.status_code == 200
        assert resp.json()["profile"]["currency"] == "EUR"
        assert auth_client.get(ME).json()["profile"]["currency"] == "EUR"

    @pytest.mark.parametrize(
        "profile, field",
        [
            ({"timezone": "Mars/Olympus"}, "timezone"),
            ({"currency": "XXY"}, "currency"),
            ({"monthly_income": "-5"}, "monthly_income"),
            ({"risk_tolerance": "yolo"}, "risk_tolerance"),
            ({"monthly_income": "lots"}, "monthly_income"),
        ],
    )
    def test_bad_profile_values_name_the_field(self, auth_client, profile, field):
        resp = auth_client.patch(ME, {"profile": profile}, format="json")
        assert resp.status_code == 400
        assert field in resp.json()["profile"]
        assert auth_client.get(ME).json()["profile"]["currency"] == "USD"


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", ME),
        ("patch", ME),
        ("delete", ME),
        ("post", LOGOUT),
        ("post", CHANGE_PASSWORD),
    ],
)
def test_protected_endpoints_need_a_token(api_client, method, url):
    resp = getattr(api_client, method)(url, {}, format="json")
    assert resp.status_code == 401
    assert resp.json()["code"] == "not_authenticated"


def _api_routes():
    """Every concrete /api/ path of the URL conf, parameters filled with dummies."""
    import re

    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield pattern.name, route

    for name, route in walk(get_resolver().url_patterns, "/"):
        if not route.startswith("/api/") or "\\." in route or "(?P<format>" in route:
            continue
        path = re.sub(r"<[^>]+>|\(\?P<[^>]+>[^)]*\)", "1", route)
        yield name, path.replace("\\", "")


PUBLIC_ROUTES = {
    "register",
    "login",
    "token-refresh",
    "token-logout",  # the web app's cookie logout: its cookie is the credential
    "password-reset",
    "password-reset-confirm",
    "health",
    "schema",
    "swagger-ui",
    "redoc",
    "calendar-feed",  # integrations: the iCal feed's secret URL is its key
}


def test_every_api_route_except_public_ones_is_protected(api_client, db):
    """Walk the URL conf: every method on every non-public /api/ path answers 401."""
    checked = 0
    for name, path in _api_routes():
        if name in PUBLIC_ROUTES:
            continue
        for method in ("get", "post", "put", "patch", "delete"):
            resp = getattr(api_client, method)(path, {}, format="json")
            assert resp.status_code == 401, (method, path, resp.status_code)
        checked += 1
    assert checked >= 30


def test_users_health(api_client, db):
    resp = api_client.get(reverse("users:health"))
    assert resp.status_code == 200
    body = resp.json()
    assert body["feature"] == "users"
    assert body["status"] == "healthy"
    assert body["table"] == "user_profiles"
    assert body["ai_service"] in {"configured", "not_configured", "disabled"}


class TestHardening:
    def test_username_with_at_sign_is_refused(self, api_client):
        resp = _register(api_client, username="joe@home")
        assert resp.status_code == 400
        assert "username" in resp.json()

    def test_logout_refuses_another_users_refresh_token(
        self, api_client, user, make_user
    ):
        make_user("mallory")
        victim = _login(api_client, username="alice").json()
        attacker = _login(api_client, username="mallory").json()
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {attacker['access']}")
        resp = api_client.post(LOGOUT, {"refresh": victim["refresh"]}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {
            "refresh": ["This refresh token belongs to another session."]
        }
        api_client.credentials()
        refreshed = api_client.post(REFRESH, {"refresh": victim["refresh"]})
        assert refreshed.status_code == 200

    def test_access_token_dies_with_a_password_change(self, api_client, user):
        tokens = _login(api_client, username="alice").json()
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        api_client.post(
            CHANGE_PASSWORD,
            {"old_password": DEFAULT_PASSWORD, "new_password": "Brand-New-Pass-77"},
            format="json",
        )
        assert api_client.get(ME).status_code == 401

    def test_spoofed_forwarded_for_does_not_dodge_the_login_throttle(
        self, api_client, user
    ):
        for _ in range(10):
            _login(api_client, username="alice", password="bad")
        resp = api_client.post(
            LOGIN,
            {"username": "alice", "password": "bad"},
            format="json",
            HTTP_X_FORWARDED_FOR="203.0.113.77",
        )
        assert resp.status_code == 429

    def test_refresh_has_its_own_throttle(self, api_client, user):
        refresh = _login(api_client, username="alice").json()["refresh"]
        for _ in range(10):
            _login(api_client, username="alice", password="bad")
        assert _login(api_client, username="alice").status_code == 429
        resp = api_client.post(REFRESH, {"refresh": refresh}, format="json")
        assert resp.status_code == 200

    def test_deeply_nested_json_is_400(self, api_client, db):
        body = "[" * 5000 + "]" * 5000
        resp = api_client.generic("POST", LOGIN, body, content_type="application/json")
        assert resp.status_code == 400
        assert resp.json()["code"] == "parse_error"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_cannot_duplicate_an_email():
    import threading

    from django.db import connection
    from rest_framework.test import APIClient

    barrier = threading.Barrier(6)
    codes: list[int] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            resp = APIClient().post(
                REGISTER,
                {
                    "username": f"twin{index}",
                    "email": "Twin@Example.com" if index % 2 else "twin@example.com",
                    "password": DEFAULT_PASSWORD,
                },
                format="json",
                REMOTE_ADDR=f"10.0.0.{index}",
            )
            codes.append(resp.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(codes) == [201] + [400] * 5
    assert User.objects.filter(email__iexact="twin@example.com").count() == 1


def test_unknown_routes_answer_json_404(api_client, settings, db):
    settings.DEBUG = False
    resp = api_client.get("/api/users/nope/")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Not found.", "code": "not_found"}
    assert api_client.get("/no/such/page.txt").json()["code"] == "not_found"


def test_the_refresh_token_of_an_erased_account_is_401_not_500(api_client, user):
    tokens = UserService.tokens_for(user=user)
    UserService.erase(user=user, password=DEFAULT_PASSWORD)
    resp = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert resp.status_code == 401
    assert resp.json()["code"] == "token_not_valid"
