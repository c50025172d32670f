"""Idempotency-Key: a write retried with the same key writes once and answers the
same; a different request with the key is a 422; keys are per user and last 24 h."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from expenses.models import ExpenseModel
from integrations.models import ImportModel
from lending.models import RepaymentModel
from mysphere_core import idempotency
from mysphere_core.models import IdempotencyKeyModel
from subscriptions.models import SubscriptionPaymentModel
from subscriptions.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db
COFFEE = {"amount": "4.75", "currency": "USD", "category": "Food & Dining"}


def _post(client, path, body, key, **extra):
    return client.post(
        path, body, format=extra.pop("format", "json"), HTTP_IDEMPOTENCY_KEY=key
    )


def test_a_retried_create_writes_once_and_answers_the_same(frozen, auth_client, user):
    first = _post(auth_client, "/api/expenses/", COFFEE, "offline-1")
    again = _post(auth_client, "/api/expenses/", COFFEE, "offline-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert ExpenseModel.objects.filter(user=user).count() == 1
    other = _post(auth_client, "/api/expenses/", COFFEE, "offline-2")
    assert other.status_code == 201
    assert ExpenseModel.objects.filter(user=user).count() == 2


def test_the_same_key_with_another_body_is_a_422_and_writes_nothing(
    frozen, auth_client, user
):
    _post(auth_client, "/api/expenses/", COFFEE, "k-1")
    resp = _post(auth_client, "/api/expenses/", {**COFFEE, "amount": "5.00"}, "k-1")
    assert resp.status_code == 422
    assert resp.json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in resp.json()["detail"]
    assert ExpenseModel.objects.filter(user=user).count() == 1


def test_keys_are_per_user_and_last_a_day(
    frozen, auth_client, other_client, user, other_user, client_for
):
    assert _post(auth_client, "/api/expenses/", COFFEE, "same").status_code == 201
    assert _post(other_client, "/api/expenses/", COFFEE, "same").status_code == 201
    assert ExpenseModel.objects.filter(user=other_user).count() == 1
    frozen.shift(timedelta(hours=23))
    _post(client_for(user), "/api/expenses/", COFFEE, "same")
    assert ExpenseModel.objects.filter(user=user).count() == 1
    frozen.shift(timedelta(hours=2))
    resp = _post(client_for(user), "/api/expenses/", COFFEE, "same")
    assert resp.status_code == 201
    assert ExpenseModel.objects.filter(user=user).count() == 2
    frozen.shift(timedelta(hours=25))
    assert idempotency.forget_expired() == 2


def test_a_bad_key_is_a_400_naming_the_header(auth_client, user):
    resp = _post(auth_client, "/api/expenses/", COFFEE, "with space")
    assert resp.status_code == 400
    assert resp.json()["code"] == "invalid_idempotency_key"
    assert "Idempotency-Key" in resp.json()["detail"]
    assert not ExpenseModel.objects.filter(user=user).exists()


def test_a_retry_while_the_first_still_runs_is_a_409(auth_client, user, monkeypatch):
    monkeypatch.setattr(idempotency, "fingerprint", lambda request: "f" * 64)
    IdempotencyKeyModel.objects.create(user=user, key="busy", fingerprint="f" * 64)
    resp = _post(auth_client, "/api/expenses/", COFFEE, "busy")
    assert resp.status_code == 409
    assert resp.json()["code"] == "idempotency_key_in_progress"
    assert not ExpenseModel.objects.filter(user=user).exists()


def test_a_server_error_lets_the_key_go(auth_client, user, monkeypatch):
    from expenses.services import ExpenseService

    original = ExpenseService.create

    def failing(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ExpenseService, "create", staticmethod(failing))
    auth_client.raise_request_exception = False
    assert _post(auth_client, "/api/expenses/", COFFEE, "k").status_code == 500
    monkeypatch.setattr(ExpenseService, "create", staticmethod(original))
    assert _post(auth_client, "/api/expenses/", COFFEE, "k").status_code == 201
    assert ExpenseModel.objects.filter(user=user).count() == 1


def test_writing_actions_are_kept_too(frozen, auth_client, user):
    """parse_text, bulk, a subscription payment, a repayment: each once."""
    parse = {"text": "Lunch 12.50 at Subway", "dry_run": False}
    bulk = {"expenses": [COFFEE, {**COFFEE, "amount": "2.00"}]}
    sub = SubscriptionFactory(user=user, billing_cycle="monthly")
    loan = {
        "counterparty_name": "Nia",
        "amount": "30.00",
        "currency": "USD",
        "direction": "lent",
    }
    loan_id = auth_client.post("/api/lending/", loan, format="json").json()
    calls = [
        ("/api/expenses/parse_text/", parse),
        ("/api/expenses/bulk_create/", bulk),
        (f"/api/subscriptions/{sub.pk}/payments/", {"status": "paid"}),
        (f"/api/lending/{loan_id['lending_id']}/repay/", {"amount": "10.00"}),
    ]
    for number, (path, body) in enumerate(calls):
        first = _post(auth_client, path, body, f"action-{number}")
        assert first.status_code in (200, 201), (path, first.json())
        assert _post(auth_client, path, body, f"action-{number}").json() == first.json()
    assert ExpenseModel.objects.filter(user=user).count() == 4  # 1 + 2 + 1 payment
    assert SubscriptionPaymentModel.objects.filter(subscription=sub).count() == 1
    assert RepaymentModel.objects.filter(lending__user=user).count() == 1


def test_an_import_retried_with_its_key_imports_once(frozen, auth_client, user):
    csv = b"Date,Description,Amount\n2026-11-20,REWE,-45.20\n2026-11-18,Lidl,-23.99\n"

    def upload():
        body = {
            "file": SimpleUploadedFile("bank.csv", csv, content_type="text/csv"),
            "dry_run": "false",
            "currency": "EUR",
        }
        return _post(
            auth_client,
            "/api/integrations/import/expenses/",
            body,
            "imp",
            format="multipart",
        )

    first, again = upload(), upload()
    assert first.status_code == 201 or first.status_code == 200, first.json()
    assert again.json() == first.json()
    assert ExpenseModel.objects.filter(user=user).count() == 2
    assert ImportModel.objects.filter(user=user).count() == 1


def test_the_schema_documents_the_header_on_writes():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    def headers(path: str, method: str) -> set[str]:
        operation = paths[path][method]
        return {
            p["name"] for p in operation.get("parameters", []) if p["in"] == "header"
        }

    assert "Idempotency-Key" in headers("/api/expenses/", "post")
    assert "Idempotency-Key" in headers("/api/expenses/{expense_id}/", "patch")
    assert "Idempotency-Key" in headers(
        "/api/subscriptions/{subscription_id}/payments/", "post"
    )
    assert "Idempotency-Key" not in headers("/api/expenses/", "get")
    assert "Idempotency-Key" not in headers("/api/users/login/", "post")
    assert "422" in paths["/api/expenses/"]["post"]["responses"]
