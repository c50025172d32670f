"""Threshold alerts: heard from expense events, recorded and announced once per
plan, category and kind, even under concurrent expense writes (PostgreSQL)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from budgets import alerts
from budgets.models import BudgetAlertModel
from budgets.tests.factories import plan_with
from expenses.services import ExpenseService
from mysphere_core import events
from mysphere_core.events import DomainEvent
from users.tests.factories import UserFactory

D = Decimal
ALERTS = ("budget.threshold_crossed", "budget.exceeded")
NOT_POSTGRES = "needs PostgreSQL: SQLite runs one writer at a time, no race to test"


@pytest.fixture
def heard():
    """The budget alert events announced during the test (thread-safe)."""
    got: list[DomainEvent] = []
    lock = threading.Lock()

    def receiver(sender, event, **kwargs):
        if event.name in ALERTS:
            with lock:
                got.append(event)

    events.domain_event.connect(receiver, dispatch_uid="test-budget-alerts")
    yield got
    events.domain_event.disconnect(dispatch_uid="test-budget-alerts")


def _expense(user, amount: str, category: str = "Food & Dining", **extra):
    data = {
        "amount": D(amount),
        "category": category,
        "transaction_date": date(2026, 11, 10),
        **extra,
    }
    return ExpenseService.create(user=user, data=data)


@pytest.mark.django_db
class TestOnce:
    def test_threshold_then_exceeded_once_each(self, user, frozen, heard) -> None:
        """79 % nothing; 80 % threshold; more nothing; past 100 % exceeded; the
        payload carries the figures."""
        plan = plan_with(user, allocations={"Food & Dining": "100.00"})
        _expense(user, "79.00")
        assert heard == []
        _expense(user, "1.00")
        _expense(user, "5.00")
        assert [e.name for e in heard] == ["budget.threshold_crossed"]
        assert heard[0].payload == {
            "budget_id": plan.pk,
            "month": "2026-11",
            "category": "Food & Dining",
            "currency": "USD",
            "available": "100.00",
            "spent": "80.00",
            "percent_used": "80.0",
            "threshold_percent": 80,
        }
        _expense(user, "15.00")  # exactly 100 %: not past it
        assert len(heard) == 1
        _expense(user, "0.01")
        _expense(user, "50.00")
        assert [e.name for e in heard] == list(ALERTS)
        assert heard[1].payload["spent"] == "100.01"
        assert BudgetAlertModel.objects.filter(budget=plan).count() == 2

    def test_once_both_alerts_are_in_a_write_costs_one_query(
        self, user, frozen, heard, django_assert_num_queries
    ) -> None:
        """The receiver asks for a plan still open to alerts in that category and
        stops there: no figures, no user, no alert rows."""
        plan = plan_with(user, allocations={"Food & Dining": "10.00"})
        _expense(user, "50.00")
        assert [e.name for e in heard] == list(ALERTS)
        event = DomainEvent(
            name="expense.created",
            user_id=user.pk,
            payload={
                "transaction_date": "2026-11-12",
                "currency": "USD",
                "category": "Food & Dining",
            },
        )
        with django_assert_num_queries(1):
            alerts.on_expense_event(sender=DomainEvent, event=event)
        BudgetAlertModel.objects.filter(budget=plan, kind="exceeded").delete()
        _expense(user, "1.00")  # the missing alert is checked again and made
        assert [e.name for e in heard] == [*ALERTS, "budget.exceeded"]

    def test_what_does_not_count(self, user, frozen, heard) -> None:
        """Other currencies, other categories, months without a plan and
        unallocated categories announce nothing."""
        plan_with(user, allocations={"Food & Dining": "100.00"})
        _expense(user, "500.00", currency="EUR")
        _expense(user, "500.00", category="Travel")
        _expense(user, "500.00", transaction_date=date(2026, 10, 1))
        assert heard == []

    def test_updates_and_bulk_creates_are_heard(self, user, frozen, heard) -> None:
        """Moving an expense into the category, or a bulk create, can cross."""
        plan_with(user, allocations={"Groceries": "100.00", "Travel": "10.00"})
        expense = _expense(user, "90.00", category="Other")
        ExpenseService.update(user=user, pk=expense.pk, data={"category": "Groceries"})
        assert [e.payload["category"] for e in heard] == ["Groceries"]
        ExpenseService.bulk_create(
            user=user,
            items=[
                {
                    "amount": D("6"),
                    "category": "Travel",
                    "transaction_date": date(2026, 11, 2),
                },
                {
                    "amount": D("6"),
                    "category": "Travel",
                    "transaction_date": date(2026, 11, 3),
                },
            ],
        )
        assert [(e.name, e.payload["category"]) for e in heard[1:]] == [
            ("budget.threshold_crossed", "Travel"),
            ("budget.exceeded", "Travel"),
        ]

    def test_a_custom_threshold(self, user, frozen, heard) -> None:
        """The allocation's own alert threshold is used."""
        plan = plan_with(user, allocations={"Travel": "200.00"})
        plan.allocations.update(alert_threshold_percent=50)
        _expense(user, "100.00", category="Travel")
        assert heard[0].payload["threshold_percent"] == 50


@pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_creates_announce_each_alert_exactly_once(heard) -> None:
    """10 threads (each its own connection) create 11.00 each in a 100.00
    category: one threshold_crossed and one exceeded, one row each."""
    user = UserFactory()
    plan = plan_with(user, allocations={"Food & Dining": "100.00"})
    start = threading.Barrier(10)
    errors: list[BaseException] = []

    def create() -> None:
        try:
            start.wait()
            _expense(user, "11.00")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(e.name for e in heard) == sorted(ALERTS)
    rows = BudgetAlertModel.objects.filter(budget=plan)
    assert sorted(rows.values_list("kind", flat=True)) == ["exceeded", "threshold"]
