"""Beat work: reminders whose time came, and tasks that became overdue.

Each notice is a `TodoNotificationModel` row unique per (todo, kind, day), taken
with `get_or_create` before the event is announced: however often the task runs,
on however many workers, each reminder and each overdue notice is announced once.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef

from mysphere_core import events
from todos.agenda import is_overdue
from todos.models import TodoModel, TodoNotificationModel
from users.services import UserService

Kind = TodoNotificationModel.Kind
# A reminder missed for longer than this (the beat was down) is not sent late.
REMINDER_GRACE = timedelta(hours=12)
# A task overdue for longer than this when first seen is not announced.
OVERDUE_WINDOW = timedelta(days=7)


def _first_notice(todo: TodoModel, kind: str, day: object) -> bool:
    """Take the (todo, kind, day) row; True when this call created it."""
    _, created = TodoNotificationModel.objects.get_or_create(
        todo=todo, kind=kind, day=day
    )
    return created


def _noticed(kind: str, **since: OuterRef) -> Exists:
    """A notice of `kind` already taken for the outer todo (after `since`)."""
    rows = TodoNotificationModel.objects.filter(todo=OuterRef("pk"), kind=kind)
    return Exists(rows.filter(**since))


def send_reminders(now: datetime) -> int:
    """Announce `todo.reminder` for open tasks whose reminder time came; returns
    how many were announced. Reminders already sent since their time are skipped
    in the query; the unique row decides the rest."""
    due = (
        TodoModel.objects.filter(
            is_active=True,
            status__in=TodoModel.OPEN,
            reminder_at__lte=now,
            reminder_at__gt=now - REMINDER_GRACE,
        )
        .exclude(_noticed(Kind.REMINDER, sent_at__gte=OuterRef("reminder_at")))
        .select_related("user__profile")
        .order_by("reminder_at", "pk")
    )
    sent = 0
    for todo in due.iterator(chunk_size=500):
        zone = UserService.timezone_for(user=todo.user)
        with transaction.atomic():
            if not _first_notice(
                todo, Kind.REMINDER, todo.reminder_at.astimezone(zone).date()
            ):
                continue
            events.announce(
                "todo.reminder",
                user=todo.user,
                todo_id=todo.pk,
                title=todo.title,
                reminder_at=todo.reminder_at.isoformat(),
                due_date=todo.due_date.isoformat() if todo.due_date else None,
                due_time=todo.due_time.strftime("%H:%M") if todo.due_time else None,
            )
        sent += 1
    return sent


def flag_overdue(now: datetime) -> int:
    """Announce `todo.overdue` once per task and due day, when a task passes its
    due day (or time) in its owner's zone; returns how many were announced."""
    latest = (now + timedelta(days=1)).date()  # the furthest-ahead zone's today
    candidates = (
        TodoModel.objects.filter(
            is_active=True,
            status__in=TodoModel.OPEN,
            due_date__lte=latest,
            due_date__gte=(now - OVERDUE_WINDOW).date(),
        )
        .exclude(_noticed(Kind.OVERDUE, day=OuterRef("due_date")))
        .select_related("user__profile")
        .order_by("due_date", "pk")
    )
    sent = 0
    for todo in candidates.iterator(chunk_size=500):
        if not is_overdue(
            todo, now.astimezone(UserService.timezone_for(user=todo.user))
        ):
            continue
        with transaction.atomic():
            if not _first_notice(todo, Kind.OVERDUE, todo.due_date):
                continue
            events.announce(
                "todo.overdue",
                user=todo.user,
                todo_id=todo.pk,
                title=todo.title,
                due_date=todo.due_date.isoformat(),
            )
        sent += 1
    return sent
