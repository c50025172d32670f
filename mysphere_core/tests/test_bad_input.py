"""Bad input is a 400 naming the field, never a 500, never stored: text that is not
valid Unicode, numbers not in ASCII decimal notation, oversized values and their
echo, time zones that are not IANA's; one delete event per expense; an atomic
login throttle."""

import threading

import pytest
from rest_framework.test import APIRequestFactory

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from mysphere_core import events, throttling
from mysphere_core.errors import NotFoundError

pytestmark = pytest.mark.django_db
EXPENSES = "/api/expenses/"
EXPENSE = '{"amount": "9.50", "category": "Groceries", "transaction_date": "2026-11-20"'


def _raw(client, url: str, body: str, method: str = "post"):
    return getattr(client, method)(url, data=body, content_type="application/json")


class TestInvalidUnicode:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            (EXPENSE + ', "payment_method": "\\ud800"}', "payment_method"),
            (EXPENSE + ', "vendor": "Caf\\udce9"}', "vendor"),
            (EXPENSE + ', "currency": "\\ud800SD"}', "currency"),
            (EXPENSE + ', "tags": ["ok", "\\udfff"]}', "tags[1]"),
        ],
    )
    def test_a_lone_surrogate_is_a_400_naming_the_field(self, auth_client, body, field):
        resp = _raw(auth_client, EXPENSES, body)
        assert resp.status_code == 400
        assert list(resp.json()) == [field]
        assert ExpenseModel.objects.count() == 0

    def test_anonymous_registration_too(self, api_client):
        body = (
            '{"username": "zed", "email": "zed@example.com", "password": '
            '"Sphere-Pass-2026!", "profile": {"currency": "\\ud800"}}'
        )
        resp = _raw(api_client, "/api/users/register/", body)
        assert resp.status_code == 400
        assert list(resp.json()) == ["profile.currency"]

    def test_in_a_key(self, auth_client):
        resp = _raw(auth_client, EXPENSES, EXPENSE + ', "\\ud800": 1}')
        assert resp.status_code == 400

    def test_valid_pairs_and_emoji_pass(self, auth_client):
        resp = _raw(
            auth_client, EXPENSES, EXPENSE + ', "vendor": "Caf\\u00e9 \\ud83c\\udf70"}'
        )
        assert resp.status_code == 201
        assert resp.json()["vendor"] == "Café 🍰"


class TestShortEcho:
    def test_a_huge_bad_choice_comes_back_as_a_short_prefix(self, auth_client):
        huge = "x" * 1_000_000
        resp = _raw(auth_client, EXPENSES, EXPENSE + f', "payment_method": "{huge}"}}')
        assert resp.status_code == 400
        [message] = resp.json()["payment_method"]
        assert message.startswith('"' + "x" * 20 + '…" is not a valid')
        assert len(resp.content) < 1000

    def test_a_huge_bad_currency_in_the_profile(self, auth_client):
        resp = auth_client.patch(
            "/api/users/me/", {"profile": {"timezone": "Z" * 50}}, format="json"
        )
        assert resp.status_code == 400
        assert "Z" * 21 not in resp.content.decode()


class TestNumbers:
    @pytest.mark.parametrize("amount", ["١٢٣", "1E5", "1e2", "12,50", "0x10", "١٢.٥٠"])
    def test_only_ascii_decimal_notation(self, auth_client, amount):
        resp = _raw(
            auth_client, EXPENSES, EXPENSE.replace('"9.50"', f'"{amount}"') + "}"
        )
        assert resp.status_code == 400
        assert "amount" in resp.json()

    @pytest.mark.parametrize(
        ("url", "body"),
        [
            (
                "/api/subscriptions/",
                {
                    "name": "N",
                    "amount": "1E5",
                    "billing_cycle": "monthly",
                    "start_date": "2026-01-01",
                },
            ),
            (
                "/api/lending/",
                {"direction": "lent", "counterparty_name": "Sam", "amount": "1E5"},
            ),
            (
                "/api/lending/",
                {"direction": "lent", "counterparty_name": "Sam", "amount": "٥"},
            ),
            ("/api/todos/", {"title": "T", "estimated_minutes": "٣٠"}),
        ],
    )
    def test_the_same_in_every_feature(self, auth_client, url, body):
        resp = auth_client.post(url, body, format="json")
        assert resp.status_code == 400
        assert set(resp.json()) & {"amount", "estimated_minutes"}

    def test_a_json_number_in_exponent_notation_is_refused(self, auth_client):
        resp = _raw(auth_client, EXPENSES, EXPENSE.replace('"9.50"', "1E5") + "}")
        assert resp.status_code == 400
        assert "decimal notation" in resp.json()["detail"]

    def test_plain_numbers_pass(self, auth_client):
        for amount in ("12", "12.5", " 12.50 ", "0.99"):
            body = EXPENSE.replace('"9.50"', f'"{amount}"') + "}"
            assert _raw(auth_client, EXPENSES, body).status_code == 201
        assert (
            _raw(
                auth_client, EXPENSES, EXPENSE.replace('"9.50"', "9.5") + "}"
            ).status_code
            == 201
        )


class TestCaps:
    def test_a_todo_description_is_capped(self, auth_client):
        resp = auth_client.post(
            "/api/todos/", {"title": "T", "description": "d" * 5001}, format="json"
        )
        assert resp.status_code == 400
        assert "description" in resp.json()
        ok = auth_client.post(
            "/api/todos/", {"title": "T", "description": "d" * 5000}, format="json"
        )
        assert ok.status_code == 201

    def test_a_password_is_capped(self, api_client):
        body = {
            "username": "zed",
            "email": "zed@example.com",
            "password": "Sphere-" + "p" * 200,
        }
        resp = api_client.post("/api/users/register/", body, format="json")
        assert resp.status_code == 400
        assert "password" in resp.json()

    @pytest.mark.parametrize("zone", ["localtime", "posixrules", "posix/Europe/Paris"])
    def test_only_iana_time_zones(self, auth_client, zone):
        resp = auth_client.patch(
            "/api/users/me/", {"profile": {"timezone": zone}}, format="json"
        )
        assert resp.status_code == 400
        ok = auth_client.patch(
            "/api/users/me/", {"profile": {"timezone": "Europe/Paris"}}, format="json"
        )
        assert ok.status_code == 200


def test_two_deletes_of_one_expense_fire_one_event(user, monkeypatch):
    expense = ExpenseFactory(user=user)
    stale = ExpenseModel.objects.get(pk=expense.pk)  # read before the other delete
    fired = []
    monkeypatch.setattr(events, "_dispatch", lambda event: fired.append(event.name))
    ExpenseService.delete(user=user, pk=expense.pk)
    monkeypatch.setattr(ExpenseService, "get_for", lambda **kwargs: stale)
    with pytest.raises(NotFoundError):
        ExpenseService.delete(user=user, pk=expense.pk)  # it read the row first
    assert fired == ["expense.deleted"]


class _ReadTogether:
    """A cache whose reads all happen before any request writes: the worst burst."""

    def __init__(self, cache, parties: int) -> None:
        self._cache = cache
        self._read = threading.Barrier(parties)

    def _after_read(self, value):
        self._read.wait(timeout=10)
        return value

    def get(self, *args, **kwargs):
        return self._after_read(self._cache.get(*args, **kwargs))

    def get_many(self, *args, **kwargs):
        return self._after_read(self._cache.get_many(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._cache, name)


def test_the_login_throttle_counts_a_burst_exactly(settings, monkeypatch):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    burst = 30
    together = _ReadTogether(caches["default"], burst)
    monkeypatch.setattr(throttling.ScopedRateThrottle, "cache", together)
    view = type("View", (), {"throttle_scope": "auth"})()
    request = APIRequestFactory().post("/api/users/login/")
    request.user = None
    results: list[bool] = []

    def attempt() -> None:
        results.append(throttling.ScopedRateThrottle().allow_request(request, view))

    threads = [threading.Thread(target=attempt) for _ in range(burst)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 10


def test_a_large_strict_rate_counts_in_one_statement():
    view = type("View", (), {"throttle_scope": "auth"})()
    request = APIRequestFactory().post("/api/users/login/")
    request.user = None
    throttle = throttling.ScopedRateThrottle()
    throttle.THROTTLE_RATES = {"auth": "1000000/minute"}
    assert all(throttle.allow_request(request, view) for _ in range(3))
