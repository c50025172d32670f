"""The expenses feature's part of the data protocol (`mysphere_core.userdata`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from expenses.models import (
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
    ExpenseCategoryModel,
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from mysphere_core import userdata


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every expenses table with the user's rows, soft-deleted ones included."""
    return {
        "expenses": ExpenseModel.objects.filter(user=user),
        "monthly_spending_summary": MonthlySpendingSummaryModel.objects.filter(
            user=user
        ),
        "monthly_vendor_spending": MonthlyVendorSpendingModel.objects.filter(user=user),
        "daily_spending_summary": DailySpendingSummaryModel.objects.filter(user=user),
        "daily_vendor_spending": DailyVendorSpendingModel.objects.filter(user=user),
        "expense_categories": ExpenseCategoryModel.objects.filter(user=user),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete them: the rollups, then the expenses."""
    return userdata.erase_querysets(
        MonthlySpendingSummaryModel.objects.filter(user=user),
        MonthlyVendorSpendingModel.objects.filter(user=user),
        DailySpendingSummaryModel.objects.filter(user=user),
        DailyVendorSpendingModel.objects.filter(user=user),
        ExpenseModel.objects.filter(user=user),
        ExpenseCategoryModel.objects.filter(user=user),
    )
