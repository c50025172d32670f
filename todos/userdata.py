"""The todos feature's part of the data protocol (`mysphere_core.userdata`)
and of the calendar feed (`mysphere_core.calendar`): open todos with a due date."""

from collections.abc import Iterator
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mysphere_core import userdata
from mysphere_core.calendar import CalendarEntry
from todos import agenda, recurrence, writes
from todos.models import TodoModel, TodoNotificationModel
from users.services import UserService


def calendar_entries(user: AbstractBaseUser) -> Iterator[CalendarEntry]:
    """Open todos with a due date, for the iCal feed: all-day, or timed in the
    user's zone; recurring ones with the rule the app's next dates come from
    (`recurrence.rrule_parts` of the series' anchor)."""
    zone = UserService.timezone_for(user=user)
    rows = writes.live(user).filter(agenda.open_q(), due_date__isnull=False)
    for todo in rows.order_by("due_date", "todo_id").iterator(chunk_size=500):
        start: date | datetime = todo.due_date
        if todo.due_time is not None:
            start = datetime.combine(todo.due_date, todo.due_time, tzinfo=zone)
        anchor = todo.recurrence_anchor or todo.due_date
        rule = recurrence.rrule_parts(todo.rule, anchor) if todo.rule.repeats else None
        yield CalendarEntry(
            uid=f"todo-{todo.pk}@mysphere",
            summary=todo.title,
            start=start,
            description=todo.description,
            rrule=rule,
            updated_at=todo.updated_at,
            categories=tuple(todo.tags),
        )


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every table with the user's rows, soft-deleted ones included."""
    return {
        "todos": TodoModel.objects.filter(user=user),
        "todo_notifications": TodoNotificationModel.objects.filter(todo__user=user),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete the user's rows, children first."""
    TodoModel.objects.filter(user=user).update(parent=None, previous_instance=None)
    return userdata.erase_querysets(
        TodoNotificationModel.objects.filter(todo__user=user),
        TodoModel.objects.filter(user=user),
    )
