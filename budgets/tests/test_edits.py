"""Edits that do what they say: PATCH changes the allocations sent and keeps the
others, PUT replaces them, and a reallocation suggestion can be applied."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.tests.factories import plan_with
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db
URL = "/api/budgets/"


def _allocations(body) -> dict[str, tuple[str, str, int]]:
    return {
        a["category"]: (
            a["allocated_amount"],
            a["rollover"],
            a["alert_threshold_percent"],
        )
        for a in body["allocations"]
    }


def test_patch_keeps_the_allocations_it_does_not_send(frozen, auth_client, user):
    plan = plan_with(
        user,
        month="2026-11",
        allocations={"Groceries": "400.00", "Entertainment": ("100.00", "unspent")},
    )
    resp = auth_client.patch(
        f"{URL}{plan.pk}/",
        {"allocations": [{"category": "Groceries", "allocated_amount": "450.00"}]},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    assert _allocations(resp.json()) == {
        "Entertainment": ("100.00", "unspent", 80),
        "Groceries": ("450.00", "none", 80),
    }
    added = auth_client.patch(
        f"{URL}{plan.pk}/",
        {"allocations": [{"category": "Travel", "allocated_amount": "50.00"}]},
        format="json",
    )
    assert set(_allocations(added.json())) == {"Entertainment", "Groceries", "Travel"}
    replaced = auth_client.put(
        f"{URL}{plan.pk}/",
        {
            "month": "2026-11",
            "total_income": str(plan.total_income),
            "allocations": [{"category": "Travel", "allocated_amount": "60.00"}],
        },
        format="json",
    )
    assert replaced.status_code == 200, replaced.json()
    assert _allocations(replaced.json()) == {"Travel": ("60.00", "none", 80)}


def test_a_suggestion_applied_moves_the_allocation(frozen, auth_client, user):
    plan = plan_with(
        user,
        month="2026-11",
        allocations={"Groceries": "300.00", "Entertainment": "200.00"},
    )
    ExpenseFactory(
        user=user,
        category="Groceries",
        amount=Decimal("340.00"),
        transaction_date=date(2026, 11, 5),
    )
    ExpenseFactory(
        user=user,
        category="Entertainment",
        amount=Decimal("50.00"),
        transaction_date=date(2026, 11, 6),
    )
    (move,) = auth_client.get(f"{URL}suggestions/").json()["suggestions"]
    body = {k: move[k] for k in ("from_category", "to_category", "amount")}
    assert body == {
        "from_category": "Entertainment",
        "to_category": "Groceries",
        "amount": "40.00",
    }
    resp = auth_client.post(f"{URL}{plan.pk}/apply_suggestion/", body, format="json")
    assert resp.status_code == 200, resp.json()
    assert {k: v[0] for k, v in _allocations(resp.json()).items()} == {
        "Entertainment": "160.00",
        "Groceries": "340.00",
    }
    assert auth_client.get(f"{URL}suggestions/").json()["suggestions"] == []
    summary = auth_client.get(f"{URL}summary/").json()
    assert summary["overspent_categories"] == []
    too_much = {**body, "amount": "150.01"}  # Entertainment has 110.00 left
    refused = auth_client.post(
        f"{URL}{plan.pk}/apply_suggestion/", too_much, format="json"
    )
    assert refused.status_code == 400
    assert "110.00" in refused.json()["amount"][0]
