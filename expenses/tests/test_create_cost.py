"""What one expense create costs: the statements it sends, and that the ones it
leaves out were not needed (the answer is the same)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from expenses import rollups
from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.test_rollups import assert_rollups_exact

pytestmark = pytest.mark.django_db
URL = "/api/expenses/"


def _data(amount: str = "12.50") -> dict:
    return {
        "amount": Decimal(amount),
        "currency": "USD",
        "category": "Groceries",
        "vendor": "Bench Mart",
        "transaction_date": date(2026, 11, 10),
    }


def _create(client, **fields) -> tuple[dict, list[str]]:
    """POST one expense; its answer and the SQL it sent."""
    body = {"amount": "12.50", "currency": "USD", **fields}
    with CaptureQueriesContext(connection) as queries:
        resp = client.post(URL, body, format="json")
    assert resp.status_code == 201, resp.json()
    return resp.json(), [q["sql"] for q in queries.captured_queries]


def test_a_system_category_is_checked_without_the_users_own(auth_client):
    made = auth_client.post(f"{URL}categories/", {"name": "Home Office"}, format="json")
    assert made.status_code == 201
    for sent, stored in (("groceries", "Groceries"), ("food-dining", "Food & Dining")):
        expense, sql = _create(auth_client, category=sent)
        assert expense["category"] == stored
        assert not [s for s in sql if "expense_categories" in s]
    expense, sql = _create(auth_client, category="home-office")
    assert expense["category"] == "Home Office"
    assert [s for s in sql if "expense_categories" in s]
    resp = auth_client.post(URL, {"amount": "1", "category": "Rent"}, format="json")
    assert resp.status_code == 400
    assert "Home Office" in resp.json()["category"][0]


def _touching(sql: list[str], *tables: str) -> list[str]:
    return [s for s in sql if any(table in s for table in tables)]


def test_one_question_before_the_write_for_every_receiver(auth_client, user):
    """No webhook endpoint, no plan open to alerts: one statement asks both, and
    neither the outbox nor the alert check reads anything more."""
    _, sql = _create(auth_client, category="Groceries")
    [asked] = _touching(sql, "integration_webhooks", "budget")
    assert "integration_webhooks" in asked and "budget_alerts" in asked


def test_a_live_endpoint_gets_its_delivery_with_the_write(user, monkeypatch):
    from integrations.models import WebhookDeliveryModel
    from integrations.tests.factories import WebhookFactory

    monkeypatch.setattr("integrations.receivers.outbound.later", lambda *a: None)
    WebhookFactory(user=user, events=["expense.created"])
    expense = ExpenseService.create(user=user, data=_data())
    delivery = WebhookDeliveryModel.objects.get()
    assert delivery.event_type == "expense.created"
    assert json.loads(delivery.body)["data"]["expense_id"] == expense.pk

    def fail(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr("integrations.webhooks.create_delivery", fail)
    with pytest.raises(RuntimeError):
        ExpenseService.create(user=user, data=_data(amount="7.00"))
    assert list(ExpenseModel.objects.values_list("pk", flat=True)) == [expense.pk]
    assert_rollups_exact(user)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one round trip")
@pytest.mark.django_db(transaction=True)
def test_postgres_writes_the_row_and_its_rollups_in_one_statement(user, monkeypatch):
    """Outside any transaction (as a request runs): one statement carries the
    INSERT and the rollups; a failing part of it leaves nothing behind."""
    with CaptureQueriesContext(connection) as queries:
        expense = ExpenseService.create(user=user, data=_data())
    [write] = _touching([q["sql"] for q in queries], '"expenses"')
    assert write.startswith('INSERT INTO "expenses"')
    assert "monthly_spending_summary" in write and "monthly_vendor_spending" in write
    assert not connection.in_atomic_block
    assert_rollups_exact(user)
    broken = ('INSERT INTO "monthly_spending_summary" ("user_id") VALUES (NULL)', [])
    monkeypatch.setattr(rollups, "statements", lambda **kwargs: [broken])
    with pytest.raises(IntegrityError):
        ExpenseService.create(user=user, data=_data(amount="3.00"))
    assert list(ExpenseModel.objects.values_list("pk", flat=True)) == [expense.pk]
    assert_rollups_exact(user)


def test_words_naming_a_custom_category_read_the_users_categories_once(auth_client):
    made = auth_client.post(
        f"{URL}categories/", {"name": "Housing", "parent": "Utilities"}, format="json"
    )
    assert made.status_code == 201
    body = {"text": "Paid rent 1450", "confirm_duplicates": True}
    with CaptureQueriesContext(connection) as queries:
        resp = auth_client.post(f"{URL}parse_text/", body, format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["expense"]["category"] == "Housing"
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(_touching(sql, "expense_categories")) == 1
