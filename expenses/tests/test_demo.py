"""The demo seeder gives a newcomer analytics and insights at once."""

from decimal import Decimal

import pytest

from expenses.demo import seed
from expenses.models import ExpenseModel
from expenses.services import ExpenseService

pytestmark = pytest.mark.django_db


def test_seed_makes_months_of_varied_expenses(frozen, make_user):
    demo = make_user("demo", profile={"timezone": "America/New_York"})
    summary = seed(demo)
    expenses = ExpenseModel.objects.filter(user=demo)
    count = expenses.count()
    assert summary.startswith(f"{count} expenses over the last 120 days")
    assert count > 200
    assert set(expenses.values_list("currency", flat=True)) == {"USD", "EUR"}
    assert expenses.values("category").distinct().count() >= 8
    assert expenses.values("vendor").distinct().count() >= 30
    assert expenses.filter(expense_type="refund").exists()
    assert expenses.exclude(raw_text="").count() == 2
    first = expenses.order_by("transaction_date").first().transaction_date
    assert (expenses.first().transaction_date - first).days >= 110

    analytics = ExpenseService.analytics(user=demo)
    usd = analytics["currencies"][0]
    assert usd["currency"] == "USD" and usd["total"] > Decimal("1000")
    assert len(usd["top_vendors"]) == 5
    assert sum(1 for month in usd["monthly_trend"] if month["count"]) >= 4
    insights = ExpenseService.ai_insights(user=demo).insights
    assert insights["summary"].startswith("In the last 30 days you spent")


def test_seed_is_the_same_every_time(frozen, make_user):
    first, second = make_user("one"), make_user("two")
    seed(first)
    seed(second)
    rows = ("transaction_date", "amount", "vendor", "currency")
    assert list(
        ExpenseModel.objects.filter(user=first).order_by("pk").values_list(*rows)
    ) == list(
        ExpenseModel.objects.filter(user=second).order_by("pk").values_list(*rows)
    )
