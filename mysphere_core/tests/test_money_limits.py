"""One money ceiling setting: `MONEY_LIMITS`, read through `money.ceiling(kind)`."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from mysphere_core import money
from mysphere_core import settings as project_settings

LOAN = {"direction": "lent", "counterparty_name": "Sam"}
SUBSCRIPTION = {
    "name": "Gym",
    "provider": "Gym Ltd",
    "billing_cycle": "monthly",
    "start_date": "2024-01-01",
    "next_billing_date": "2024-02-01",
    "payment_method": "card",
}


@pytest.fixture
def limits(settings):
    """Small ceilings, so each kind's is easy to cross."""
    settings.MONEY_LIMITS = {"expense": "50", "loan": "100.00", "default": "200"}
    return settings.MONEY_LIMITS


def test_each_kind_reads_its_entry_or_the_default(limits):
    assert money.ceiling("expense") == Decimal("50")
    assert money.ceiling("loan") == Decimal("100.00")
    assert money.ceiling("plan") == money.ceiling("subscription") == Decimal("200")


def test_a_loan_over_the_setting_is_a_400_naming_amount(limits, auth_client):
    resp = auth_client.post("/api/lending/", {**LOAN, "amount": "100.01"}, "json")
    assert resp.status_code == 400
    assert resp.json() == {"amount": ["Amount cannot exceed 100.00."]}
    ok = auth_client.post("/api/lending/", {**LOAN, "amount": "100.00"}, "json")
    assert ok.status_code == 201


def test_a_subscription_price_over_the_default_is_a_400(limits, auth_client):
    resp = auth_client.post(
        "/api/subscriptions/", {**SUBSCRIPTION, "amount": "200.01"}, "json"
    )
    assert resp.status_code == 400
    assert resp.json() == {"amount": ["Amount cannot exceed 200."]}


def test_an_expense_over_its_ceiling_is_a_400(limits, auth_client):
    body = {"amount": "50.01", "description": "Shoes", "category": "Shopping"}
    resp = auth_client.post("/api/expenses/", body, "json")
    assert resp.status_code == 400
    assert resp.json() == {"amount": ["Amount cannot exceed 50."]}


@pytest.mark.parametrize("raw", ["abc", "0", "-5", "NaN"])
def test_a_bad_ceiling_in_the_environment_stops_the_start(monkeypatch, raw):
    monkeypatch.setenv("MONEY_LIMIT_LOAN", raw)
    with pytest.raises(ImproperlyConfigured, match="MONEY_LIMIT_LOAN"):
        project_settings._money_limit("MONEY_LIMIT_LOAN", "1000000.00")
