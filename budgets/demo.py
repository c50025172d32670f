"""Demo data: four monthly plans generated from the demo income, a ranking of the
user's own, rollover on the everyday envelopes and the past months closed, for
`seed_demo` (runs after the expenses and subscriptions demos, whose spending the
plans are measured against)."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from budgets.services import BudgetService
from mysphere_core.dates import month_label, month_start
from users.services import UserService

MONTHS = 4
INCOME = Decimal("5200.00")
ROLLOVER = {"Groceries": "unspent", "Food & Dining": "unspent_and_overspent"}


def seed(user: AbstractBaseUser) -> str:
    """Create the demo's ranking and plans; returns a one-line summary."""
    BudgetService.update_category(
        user=user, category="Food & Dining", data={"necessity_score": 6}
    )
    BudgetService.update_category(
        user=user, category="Entertainment", data={"monthly_limit": Decimal("150.00")}
    )
    today = UserService.today_for(user=user)
    income = UserService.profile_for(user=user).monthly_income or INCOME
    plans = []
    for back in range(MONTHS - 1, -1, -1):
        month = month_label(month_start(today, back))
        result = BudgetService.generate(
            user=user,
            month=month,
            income=income,
            goals=["Save 15% for the emergency fund"],
            dry_run=False,
        )
        plan = result["budget"]
        allocations = [
            {
                "category": row.category,
                "allocated_amount": row.allocated_amount,
                "rollover": ROLLOVER.get(row.category, "none"),
            }
            for row in plan.allocations.all()
        ]
        BudgetService.update(user=user, pk=plan.pk, data={"allocations": allocations})
        plans.append(plan)
    BudgetService.close(user=user, pk=plans[-2].pk)
    return f"{len(plans)} monthly plans ({plans[0].month} to {plans[-1].month})"
