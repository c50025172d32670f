"""The demo data: believable, consistent, through the service."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.tests.factories import ExpenseFactory
from lending import demo
from lending import userdata as app_data
from lending.services import LendingService

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_seed_fills_every_part_of_the_feature(user):
    ExpenseFactory(
        user=user,
        amount=Decimal("90.00"),
        vendor="Sushi Zen",
        transaction_date=date(2026, 11, 20),
    )
    summary = demo.seed(user)
    assert summary == (
        "11 lending records with 8 people (2 from splitting the latest dinner out)."
    )
    statuses = {r.status for r in LendingService.queryset_for(user=user)}
    assert statuses == {
        "outstanding",
        "partially_repaid",
        "repaid",
        "written_off",
        "forgiven",
    }
    usd, eur = (
        next(r for r in LendingService.summary(user=user) if r["currency"] == c)
        for c in ("USD", "EUR")
    )
    assert eur["borrowed_outstanding"] == Decimal("200.00")
    assert usd["overdue_count"] == 1
    insights = LendingService.insights(user=user)
    assert insights.data["reminders"][0]["counterparty"] == "Maria"
    assert len(list(app_data.calendar_entries(user=user))) == 6


def test_seed_without_expenses_skips_the_split(user):
    assert demo.seed(user).endswith("(0 from splitting the latest dinner out).")
