"""factory_boy factories of the budgets tests."""

from decimal import Decimal

import factory

from budgets.models import BudgetAllocationModel, BudgetModel, CategoryPreferenceModel
from budgets.plans import previous_month


def _month(n: int) -> str:
    """A distinct month per plan: 2026-11 going back one month at a time."""
    index = 2026 * 12 + 10 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class BudgetFactory(factory.django.DjangoModelFactory):
    """A plan of 3,000.00 USD for one month (a new month per plan)."""

    class Meta:
        model = BudgetModel

    month = factory.Sequence(_month)
    previous_month = factory.LazyAttribute(lambda plan: previous_month(plan.month))
    currency = "USD"
    total_income = Decimal("3000.00")
    savings_goal_amount = Decimal("0.00")


class AllocationFactory(factory.django.DjangoModelFactory):
    """An allocation of 100.00 to Food & Dining."""

    class Meta:
        model = BudgetAllocationModel

    budget = factory.SubFactory(BudgetFactory)
    category = "Food & Dining"
    allocated_amount = Decimal("100.00")


class PreferenceFactory(factory.django.DjangoModelFactory):
    """A user's own necessity score for a category."""

    class Meta:
        model = CategoryPreferenceModel

    category = "Entertainment"
    necessity_score = 3


def plan_with(
    user,  # noqa: ANN001
    month: str | None = "2026-11",
    currency: str = "USD",
    income: str = "3000.00",
    allocations: dict | None = None,
) -> BudgetModel:
    """A plan of `user` (a month of the factory's sequence when `month` is None)
    with `allocations` as {category: amount or (amount, rollover mode)}."""
    fields = {"month": month} if month else {}
    plan = BudgetFactory(
        user=user, currency=currency, total_income=Decimal(income), **fields
    )
    allocations = allocations or {}
    for category, value in allocations.items():
        amount, mode = value if isinstance(value, tuple) else (value, "none")
        AllocationFactory(
            budget=plan,
            category=category,
            allocated_amount=Decimal(amount),
            rollover=mode,
        )
    return plan
