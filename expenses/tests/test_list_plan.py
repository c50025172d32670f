"""The list's default order (newest first) for one user's active expenses is read in
index order: no sort step in the plan, on page 1 or a deep page, on SQLite and
PostgreSQL."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from expenses.filters import ExpenseFilter
from expenses.models import ExpenseModel
from expenses.services import ExpenseService

pytestmark = pytest.mark.django_db
# How each database's plan names a sort of the rows.
SORT_STEP = {"sqlite": "USE TEMP B-TREE FOR ORDER BY", "postgresql": "Sort"}


def _seed(user, rows: int) -> None:
    """`rows` expenses over three years, 1% deleted (no rollups: plans only)."""
    ExpenseModel.objects.bulk_create(
        [
            ExpenseModel(
                user=user,
                amount=Decimal("1.00") + n % 500,
                currency="EUR" if n % 10 == 0 else "USD",
                category="Other",
                vendor=f"Vendor {n % 300}",
                transaction_date=date(2024, 1, 1) + timedelta(days=n * 7 % 1095),
                is_active=n % 100 != 0,
            )
            for n in range(rows)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_page_one_and_a_deep_page_need_no_sort(user, other_user):
    # A deep page far into a long history (offset 5,000 of ~12,000 rows): where an
    # index-order read is what a database should choose.
    _seed(user, 12_000)
    _seed(other_user, 3_000)
    mine = ExpenseFilter({}, queryset=ExpenseService.queryset_for(user=user)).qs
    for offset in (0, 5000):
        plan = mine[offset : offset + 20].explain()
        assert SORT_STEP[connection.vendor] not in plan, plan
        assert "expenses_user_active_newest" in plan, plan
