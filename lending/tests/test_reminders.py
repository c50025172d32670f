"""Beat reminders (once per record, kind and due date), the calendar, user data,
and concurrent repayments on PostgreSQL."""

import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection, connections

from expenses.tests.factories import ExpenseFactory
from lending import userdata as app_data
from lending.models import LendingModel, LendingReminderModel, RepaymentModel
from lending.services import LendingService
from lending.tasks import send_reminders_task
from lending.tests.factories import LendingFactory, RepaymentFactory
from mysphere_core.calendar import CalendarEntry, calendar_entries
from mysphere_core.userdata import export_all, rows
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOON = datetime.fromisoformat("2026-11-22T12:00:00+00:00")  # Sunday


def _events(announced, name):
    return [e.payload["lending_id"] for e in announced if e.name == name]


class TestReminders:
    def test_due_in_three_days_once_then_overdue_once(self, user, lend, announced):
        record = lend(due_date="2026-11-25")
        far = lend(due_date="2026-11-26")
        assert LendingService.send_reminders(now=NOON) == {"due_soon": 1, "overdue": 0}
        assert LendingService.send_reminders(now=NOON) == {"due_soon": 0, "overdue": 0}
        assert _events(announced, "lending.due_soon") == [record.pk]
        later = datetime.fromisoformat("2026-11-26T12:00:00+00:00")
        assert LendingService.send_reminders(now=later) == {"due_soon": 1, "overdue": 1}
        assert LendingService.send_reminders(now=later) == {"due_soon": 0, "overdue": 0}
        assert _events(announced, "lending.overdue") == [record.pk]
        assert _events(announced, "lending.due_soon") == [record.pk, far.pk]
        payload = next(e.payload for e in announced if e.name == "lending.overdue")
        assert payload["outstanding"] == "50.00"
        assert payload["due_date"] == "2026-11-25"

    def test_a_moved_due_date_is_reminded_again(self, user, lend):
        record = lend(due_date="2026-11-24")
        LendingService.send_reminders(now=NOON)
        LendingService.update(
            user=user, pk=record.pk, data={"due_date": date(2026, 11, 23)}
        )
        assert LendingService.send_reminders(now=NOON)["due_soon"] == 1
        assert LendingReminderModel.objects.filter(lending=record).count() == 2

    def test_closed_deleted_and_undated_records_are_not_reminded(self, user, lend):
        repaid = lend(amount="5.00", due_date="2026-11-20")
        LendingService.repay(
            user=user,
            pk=repaid.pk,
            data={"amount": Decimal("5.00"), "date": date(2026, 11, 2)},
        )
        gone = lend(due_date="2026-11-20")
        LendingService.delete(user=user, pk=gone.pk)
        lend()
        assert LendingService.send_reminders(now=NOON) == {"due_soon": 0, "overdue": 0}

    def test_days_are_the_owners_local_days(self, make_user, lend):
        auckland = make_user("kiri", profile={"timezone": "Pacific/Auckland"})
        lend(owner=auckland, due_date="2026-11-22")  # Monday 01:00 there
        lend(due_date="2026-11-22")  # still Sunday in UTC: due today
        assert LendingService.send_reminders(now=NOON) == {"due_soon": 1, "overdue": 1}

    def test_the_task_skips_a_disabled_feature(self, settings, lend):
        lend(due_date="2026-11-23")
        settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "LENDING_FEATURE": False}
        assert send_reminders_task() == {}
        assert LendingReminderModel.objects.count() == 0


class TestCalendar:
    def test_open_dated_records_are_all_day_entries(self, user, lend, frozen):
        sam = lend(amount="60.00", due_date="2026-11-30", description="pizza")
        LendingService.repay(user=user, pk=sam.pk, data={"amount": Decimal("40.00")})
        alex = lend(
            direction="borrowed",
            counterparty_name="Alex",
            amount="50.00",
            currency="EUR",
            due_date="2026-12-05",
        )
        lend()  # no due date
        closed = lend(due_date="2026-12-01")
        LendingService.forgive(user=user, pk=closed.pk)
        entries = list(app_data.calendar_entries(user=user))
        assert [(e.summary, e.start) for e in entries] == [
            ("Sam owes you 20.00 USD", date(2026, 11, 30)),
            ("You owe Alex 50.00 EUR", date(2026, 12, 5)),
        ]
        assert entries[0].uid == f"lending-{sam.pk}@mysphere"
        assert entries[0].description == "pizza"
        assert isinstance(entries[0], CalendarEntry)
        assert ("lending", entries[1]) in list(calendar_entries(user))
        assert alex.pk != sam.pk


class TestUserData:
    def test_export_names_every_table_soft_deleted_rows_included(
        self, user, other_user
    ):
        record = LendingFactory(user=user, is_active=False)
        RepaymentFactory(lending=record)
        LendingReminderModel.objects.create(
            lending=record, kind="overdue", due_date=date(2026, 11, 1)
        )
        LendingFactory(user=other_user)
        tables = app_data.export_tables(user=user)
        assert {name: qs.count() for name, qs in tables.items()} == {
            "lending": 1,
            "lending_repayments": 1,
            "lending_reminders": 1,
        }
        exported = {
            table for feature, table, _ in export_all(user) if feature == "lending"
        }
        assert exported == {"lending", "lending_repayments", "lending_reminders"}
        row = next(rows(tables["lending"]))
        assert row["amount"] == "50.00" and row["is_active"] is False

    def test_erase_deletes_children_first_and_only_the_users(self, user, other_user):
        record = LendingFactory(user=user)
        RepaymentFactory(lending=record)
        RepaymentFactory(lending=record)
        LendingReminderModel.objects.create(
            lending=record, kind="overdue", due_date=date(2026, 11, 1)
        )
        kept = LendingFactory(user=other_user)
        assert app_data.erase(user=user) == {
            "lending_reminders": 1,
            "lending_repayments": 2,
            "lending": 1,
        }
        assert list(LendingModel.objects.all()) == [kept]


NOT_POSTGRES = "needs PostgreSQL: SQLite runs one writer at a time, no race to test"


@pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_concurrent_repayments_never_overpay():
    user = UserFactory()
    record = LendingFactory(user=user, amount=Decimal("50.00"))
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def repay() -> None:
        try:
            start.wait()
            LendingService.repay(
                user=user, pk=record.pk, data={"amount": Decimal("20.00")}
            )
            outcomes.append("ok")
        except Exception as exc:  # noqa: BLE001 - counted below
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=repay) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["InvalidInput"] * 6 + ["ok"] * 2
    record.refresh_from_db()
    assert record.repaid_amount == Decimal("40.00")
    assert record.status == "partially_repaid"
    assert RepaymentModel.objects.filter(lending=record).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_concurrent_splits_never_reach_the_expense():
    user = UserFactory()
    expense = ExpenseFactory(user=user, amount=Decimal("50.00"))
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def split(n: int) -> None:
        try:
            start.wait()
            LendingService.split_expense(
                user=user,
                expense_id=expense.pk,
                data={"with": [{"name": f"Friend {n}", "share": Decimal("20.00")}]},
            )
            outcomes.append("ok")
        except Exception as exc:  # noqa: BLE001 - counted below
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=split, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["InvalidInput"] * 4 + ["ok"] * 2
    split_off = LendingModel.objects.filter(source_ref=f"expense:{expense.pk}")
    assert sum(r.amount for r in split_off) == Decimal("40.00")
