"""factory_boy factories of the budgets tests."""

from decimal import Decimal

import factory

from budgets.models import BudgetAllocationModel, BudgetModel, CategoryPreferenceModel


def _month(n: int) -> str:
    """A distinct month per plan: 2026-11 going back one month at a time."""
    index = 2026 * 12 + 10 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class BudgetFactory(factory.django.DjangoModelFactory):
    """A plan of 3,000.00 USD for one month (a new month per plan)."""

    class Meta:
        model = BudgetModel

    month = factory.Sequence(_month)
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


def plan_with(user, month: str = "2026-11", currency: str = "USD", **amounts):
    """A plan of `user` with allocations given as `Food_Dining="150.00"`-style
    keywords or a dict under `allocations` ({category: amount or (amount, mode)})."""
    allocations = amounts.pop("allocations", {})
    income = Decimal(amounts.pop("income", "3000.00"))
    plan = BudgetFactory(user=user, month=month, currency=currency, total_income=income)
    for category, value in allocations.items():
        amount, mode = value if isinstance(value, tuple) else (value, "none")
        AllocationFactory(
            budget=plan,
            category=category,
            allocated_amount=Decimal(amount),
            rollover=mode,
        )
    return plan
