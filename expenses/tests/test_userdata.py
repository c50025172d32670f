"""The expenses feature's part of the data protocol: export and erase."""

from decimal import Decimal

import pytest

from expenses import userdata as app_data
from expenses.models import (
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from mysphere_core.userdata import rows

pytestmark = pytest.mark.django_db


def _data(user):
    ExpenseService.create(
        user=user, data={"amount": Decimal("4.20"), "vendor": "Starbucks"}
    )
    ExpenseFactory(user=user, is_active=False)


def test_export_names_every_table_with_deleted_rows(user, other_user):
    _data(user)
    _data(other_user)
    tables = app_data.export_tables(user=user)
    assert set(tables) == {
        "expenses",
        "monthly_spending_summary",
        "monthly_vendor_spending",
        "daily_spending_summary",
        "daily_vendor_spending",
        "expense_categories",
    }
    expenses = list(rows(tables["expenses"]))
    assert len(expenses) == 2
    assert {row["user_id"] for row in expenses} == {user.pk}
    assert "4.20" in {row["amount"] for row in expenses}
    assert list(rows(tables["monthly_vendor_spending"]))[0]["vendor"] == "Starbucks"
    assert list(rows(tables["daily_vendor_spending"]))[0]["vendor"] == "Starbucks"


def test_erase_deletes_the_users_rows_only(user, other_user):
    _data(user)
    _data(other_user)
    erased = app_data.erase(user=user)
    assert erased == {
        "monthly_spending_summary": 1,
        "monthly_vendor_spending": 1,
        "daily_spending_summary": 1,
        "daily_vendor_spending": 1,
        "expenses": 2,
    }
    assert not ExpenseModel.objects.filter(user=user).exists()
    assert not MonthlySpendingSummaryModel.objects.filter(user=user).exists()
    assert not MonthlyVendorSpendingModel.objects.filter(user=user).exists()
    assert not DailySpendingSummaryModel.objects.filter(user=user).exists()
    assert not DailyVendorSpendingModel.objects.filter(user=user).exists()
    assert ExpenseModel.objects.filter(user=other_user).count() == 2


def test_suggest_category_reads_the_vocabulary():
    assert ExpenseService.suggest_category(text="TESCO STORES 3297") == "Groceries"
    assert ExpenseService.suggest_category(text="zzz") == "Other"
