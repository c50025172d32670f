"""What other features read of a user's spending, from the monthly rollups (one
query, whatever the number of expenses): per category, in one currency, refunds
negative. `ExpenseService` is how they reach it."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum

from expenses.models import MonthlySpendingSummaryModel
from expenses.rollups import from_mills
from mysphere_core.dates import month_start


def month_by_category(
    user: AbstractBaseUser, month: date, currency: str
) -> dict[str, Decimal]:
    """The month's signed spending per category in one currency (one query)."""
    rows = MonthlySpendingSummaryModel.objects.filter(
        user=user, month=month_start(month), currency=currency
    ).values_list("category", "total_mills", "item_count")
    return {
        category: from_mills(total) for category, total, count in rows if count or total
    }


def history_by_category(
    user: AbstractBaseUser, month: date, currency: str, months: int = 3
) -> dict[str, Decimal]:
    """Spending per category over the `months` full months before `month`."""
    rows = (
        MonthlySpendingSummaryModel.objects.filter(
            user=user,
            currency=currency,
            month__gte=month_start(month, months),
            month__lt=month_start(month),
        )
        .values("category")
        .annotate(total=Sum("total_mills"))
        .order_by("category")
    )
    return {row["category"]: from_mills(row["total"]) for row in rows if row["total"]}
