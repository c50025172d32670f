"""The hourly beat task closing finished months, in each owner's time zone."""

from datetime import date
from decimal import Decimal

import pytest

from budgets import tasks
from budgets.models import BudgetModel
from budgets.tests.factories import plan_with
from expenses.tests.factories import ExpenseFactory
from mysphere_core.schedule import beat_schedule

pytestmark = pytest.mark.django_db


def test_closes_finished_months_once(user, frozen) -> None:
    """October closes (balance frozen), November does not; a second run closes
    nothing more."""
    plan_with(user, month="2026-10", allocations={"Travel": "50.00"})
    plan_with(user, month="2026-11", allocations={"Travel": "50.00"})
    ExpenseFactory(
        user=user,
        category="Travel",
        amount=Decimal("20"),
        transaction_date=date(2026, 10, 2),
    )
    assert tasks.close_finished_months_task.delay().get() == 1
    october = BudgetModel.objects.get(user=user, month="2026-10")
    assert october.closed_at is not None
    assert october.allocations.get().closing_balance == Decimal("30.00")
    assert BudgetModel.objects.get(user=user, month="2026-11").closed_at is None
    assert tasks.close_finished_months_task.delay().get() == 0


def test_the_owners_time_zone_decides(make_user, frozen) -> None:
    """At 12:00 UTC on 30 November it is already 1 December in Kiritimati."""
    ahead = make_user("kiri", profile={"timezone": "Pacific/Kiritimati"})
    behind = make_user("utc")
    plan_with(ahead, month="2026-11")
    plan_with(behind, month="2026-11")
    frozen.move_to("2026-11-30 12:00:00+00:00")
    assert tasks.close_finished_months_task.delay().get() == 1
    assert BudgetModel.objects.get(user=ahead).closed_at is not None
    assert BudgetModel.objects.get(user=behind).closed_at is None


def test_beat_schedule_names_the_task() -> None:
    """Hourly, by its dotted name."""
    entry = beat_schedule()["budgets-close-finished-months"]
    assert entry == {
        "task": "budgets.tasks.close_finished_months_task",
        "schedule": 3600.0,
    }
