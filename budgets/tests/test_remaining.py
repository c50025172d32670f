"""`BudgetService.remaining_in_category`: the contract the lists app relies on."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.services import BudgetService
from budgets.tests.factories import plan_with
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_none_without_a_plan_for_the_month(user, frozen) -> None:
    """No plan for the user's current month: None."""
    assert BudgetService.remaining_in_category(user=user, category="Groceries") is None


def test_figures_of_the_current_month_by_default(user, other_user, frozen) -> None:
    """Available, spent (refunds negative, other currencies and users ignored) and
    remaining, as Decimals, for the user's current month."""
    plan = plan_with(user, allocations={"Groceries": "400.00"})
    ExpenseFactory(user=user, category="Groceries", amount=Decimal("120.50"))
    ExpenseFactory(
        user=user, category="Groceries", amount=Decimal("20.50"), expense_type="refund"
    )
    ExpenseFactory(user=user, category="Groceries", currency="EUR", amount=Decimal("9"))
    ExpenseFactory(user=other_user, category="Groceries", amount=Decimal("50"))
    ExpenseFactory(user=user, category="Groceries", transaction_date=date(2026, 10, 31))
    result = BudgetService.remaining_in_category(user=user, category="groceries")
    assert result == {
        "budget_id": plan.pk,
        "month": "2026-11",
        "currency": "USD",
        "category": "Groceries",
        "available": Decimal("400.00"),
        "spent": Decimal("100.00"),
        "remaining": Decimal("300.00"),
    }
    assert all(
        isinstance(result[k], Decimal) for k in ("available", "spent", "remaining")
    )


def test_month_and_currency_arguments(user, frozen) -> None:
    """Another month is read when asked; a currency other than the plan's is None;
    an unallocated category has 0.00 available and may be overspent."""
    plan_with(user, month="2026-12", currency="EUR", allocations={"Travel": "80.00"})
    ExpenseFactory(
        user=user,
        category="Shopping",
        currency="EUR",
        amount=Decimal("5.00"),
        transaction_date=date(2026, 12, 3),
    )
    december = date(2026, 12, 15)
    travel = BudgetService.remaining_in_category(
        user=user, category="Travel", month=december, currency="eur"
    )
    assert travel["available"] == Decimal("80.00")
    assert travel["currency"] == "EUR"
    assert travel["month"] == "2026-12"
    shopping = BudgetService.remaining_in_category(
        user=user, category="Shopping", month=december
    )
    assert shopping["available"] == Decimal("0.00")
    assert shopping["remaining"] == Decimal("-5.00")
    assert (
        BudgetService.remaining_in_category(
            user=user, category="Travel", month=december, currency="USD"
        )
        is None
    )


def test_unknown_category_is_a_400_on_category(user, frozen) -> None:
    """A category that does not exist is a validation error naming the field."""
    with pytest.raises(InvalidInput) as error:
        BudgetService.remaining_in_category(user=user, category="Pets")
    assert "category" in error.value.detail
