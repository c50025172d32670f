"""The user's own categories in the budget generator, purchase checks and the AI
prompt: a custom "Housing" is planned, checked and named like a system one."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.services import BudgetService
from expenses.services import ExpenseService

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
D = Decimal


def _housing(user, rent_months=3):
    ExpenseService.create_category(
        user=user, data={"name": "Housing", "parent": "Utilities"}
    )
    for month in range(8, 8 + rent_months):
        ExpenseService.create(
            user=user,
            data={
                "amount": D("1450.00"),
                "category": "Housing",
                "vendor": "Parkview Apartments",
                "transaction_date": date(2026, month, 1),
            },
        )


def test_the_generator_plans_the_users_own_category(user):
    _housing(user)
    plan = BudgetService.generate(
        user=user, month="2026-12", income=D("5000.00"), dry_run=True
    )
    rows = {a["category"]: a for a in plan["allocations"]}
    assert "Housing" in rows
    assert rows["Housing"]["allocated_amount"] >= D("1450.00")
    assert rows["Housing"]["necessity_score"] >= 8


def _plan_with_housing(user):
    _housing(user, rent_months=0)
    BudgetService.generate(
        user=user, month="2026-11", income=D("5000.00"), dry_run=False
    )
    ExpenseService.create(
        user=user,
        data={"amount": D("1450.00"), "category": "Housing", "vendor": "Parkview"},
    )


@pytest.mark.parametrize("named", ["Housing", "housing", " HOUSING "])
def test_check_purchase_takes_the_users_category(auth_client, user, named):
    _plan_with_housing(user)
    resp = auth_client.post(
        "/api/budgets/check_purchase/",
        {"amount": "40", "category": named},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert body["category"] == "Housing"
    planned = D(body["category_budget"]) if "category_budget" in body else None
    left = D(body["remaining_in_category"])
    assert planned is None or left == planned - D("1450.00")


def test_a_category_of_another_user_is_a_400(auth_client, user, other_user):
    _plan_with_housing(other_user)
    BudgetService.generate(
        user=user, month="2026-11", income=D("5000.00"), dry_run=False
    )
    resp = auth_client.post(
        "/api/budgets/check_purchase/",
        {"amount": "40", "category": "Housing"},
        format="json",
    )
    assert resp.status_code == 400 and list(resp.json()) == ["category"]


def test_purchase_advice_weighs_the_users_category(user):
    _plan_with_housing(user)
    advice = BudgetService.purchase_advice(
        user=user, item_description="new curtains", amount=D("60"), category="housing"
    )
    assert advice["category"] == "Housing"


def test_the_ai_parse_is_asked_among_the_users_categories(
    auth_client, user, gemini_stub
):
    ExpenseService.create_category(user=user, data={"name": "Pets"})
    gemini_stub.reply_json(
        {
            "amount": 1200,
            "currency": "JPY",
            "category": "Pets",
            "vendor": "Vet",
            "date": "2026-11-22",
            "payment_method": "card",
            "expense_type": "expense",
            "confidence": 0.9,
        }
    )
    resp = auth_client.post(
        "/api/expenses/parse_text/", {"text": "vet 1200 yen"}, format="json"
    )
    assert resp.status_code == 201, resp.json()
    assert resp.json()["expense"]["category"] == "Pets"
    assert resp.json()["expense"]["amount"] == "1200"
    (prompt,) = gemini_stub.prompts()
    assert "Utilities, Health, Education, Other, Pets." in prompt
