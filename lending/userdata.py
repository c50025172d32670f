"""The lending feature's part of the data protocol (`mysphere_core.userdata`)
and of the calendar feed (`mysphere_core.calendar`): due dates of open records."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from lending import records, reminders
from lending.models import (
    OPEN_STATUSES,
    Direction,
    LendingModel,
    LendingReminderModel,
    RepaymentModel,
)
from mysphere_core.calendar import CalendarEntry
from mysphere_core.money import format_money
from mysphere_core.userdata import erase_querysets


def calendar_entries(user: AbstractBaseUser) -> Iterator[CalendarEntry]:
    """An all-day entry on the due date of every open record that has one."""
    rows = records.live(user).filter(status__in=OPEN_STATUSES, due_date__isnull=False)
    for record in rows.order_by("due_date", "lending_id"):
        money = format_money(record.outstanding, record.currency)
        if record.direction == Direction.LENT:
            summary = f"{record.counterparty_name} owes you {money}"
        else:
            summary = f"You owe {record.counterparty_name} {money}"
        yield CalendarEntry(
            uid=f"lending-{record.pk}@mysphere",
            summary=summary,
            start=record.due_date,
            description=record.description,
            alarm_days_before=reminders.DUE_SOON_DAYS,
            updated_at=record.updated_at,
            categories=("lending",),
        )


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every table with the user's rows, soft-deleted ones included."""
    return {
        "lending": LendingModel.objects.filter(user=user),
        "lending_repayments": RepaymentModel.objects.filter(lending__user=user),
        "lending_reminders": LendingReminderModel.objects.filter(lending__user=user),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete the user's rows, children first."""
    return erase_querysets(
        LendingReminderModel.objects.filter(lending__user=user),
        RepaymentModel.objects.filter(lending__user=user),
        LendingModel.objects.filter(user=user),
    )
