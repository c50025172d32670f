"""Reading a user's todos by their local clock: overdue, the today agenda, stats."""

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate

from todos.models import TodoModel
from todos.writes import live

Status = TodoModel.Status
Priority = TodoModel.Priority
GROUP_LIMIT = 50
PRIORITY_RANK = {
    Priority.URGENT: 4,
    Priority.HIGH: 3,
    Priority.MEDIUM: 2,
    Priority.LOW: 1,
}
STREAK_WINDOW = 366


def open_q() -> Q:
    """Pending or in progress."""
    return Q(status__in=TodoModel.OPEN)


def overdue_q(now: datetime) -> Q:
    """Open and past due at the user's local `now`: due before today, or due today
    at a time already gone."""
    today = now.date()
    past = Q(due_date__lt=today) | Q(due_date=today, due_time__lt=now.time())
    return open_q() & past


def is_overdue(todo: TodoModel, now: datetime) -> bool:
    """The test of `overdue_q` on one loaded task, at the owner's local `now`."""
    if todo.status not in TodoModel.OPEN or todo.due_date is None:
        return False
    today = now.date()
    if todo.due_date != today:
        return todo.due_date < today
    return todo.due_time is not None and todo.due_time < now.time()


def due_today_q(now: datetime) -> Q:
    """Open, due today and not yet past its time."""
    today = now.date()
    later = Q(due_time__isnull=True) | Q(due_time__gte=now.time())
    return open_q() & Q(due_date=today) & later


def agenda_groups(now: datetime) -> dict[str, tuple[Q, tuple[str, ...]]]:
    """Each group of the today agenda: its condition and its order. A task is in
    the first group it fits (overdue, due today, urgent, in progress)."""
    overdue, today = overdue_q(now), due_today_q(now)
    urgent = open_q() & Q(priority=Priority.URGENT) & ~overdue & ~today
    in_progress = Q(status=Status.IN_PROGRESS) & ~overdue & ~today & ~urgent
    return {
        "overdue": (
            overdue,
            ("due_date", "no_due_time", "due_time", "-priority_rank", "todo_id"),
        ),
        "due_today": (
            today,
            ("no_due_time", "due_time", "-priority_rank", "position", "todo_id"),
        ),
        "urgent": (urgent, ("no_due_date", "due_date", "position", "todo_id")),
        "in_progress": (in_progress, ("-priority_rank", "position", "todo_id")),
    }


def agenda_counts(queryset: QuerySet[TodoModel], now: datetime) -> dict[str, int]:
    """Each agenda group's count at the user's local `now`, and the total."""
    counts = queryset.aggregate(
        **{
            name: Count("pk", filter=cond)
            for name, (cond, _) in agenda_groups(now).items()
        }
    )
    return {**counts, "total": sum(counts.values())}


def today_agenda(queryset: QuerySet[TodoModel], now: datetime) -> dict[str, Any]:
    """The agenda of the user's local `now`: each group's first tasks, sorted, and
    every group's full count (one counting query, one query per group)."""
    counts = agenda_counts(queryset, now)
    body: dict[str, Any] = {"date": now.date(), "counts": counts}
    for name, (cond, order) in agenda_groups(now).items():
        rows = queryset.filter(cond).order_by(*order) if counts[name] else []
        body[name] = list(rows[:GROUP_LIMIT])
    return body


def first_of_agenda(
    queryset: QuerySet[TodoModel], now: datetime, limit: int
) -> list[TodoModel]:
    """The first `limit` tasks of the today agenda in its order (group by group,
    each group sorted as `today_agenda` sorts it), in one query: the rows among each
    group's first `limit`, with their group, put in the agenda's order here."""
    groups = list(agenda_groups(now).values())
    firsts = Q()
    for cond, order in groups:
        firsts |= Q(pk__in=queryset.filter(cond).order_by(*order).values("pk")[:limit])
    group = Case(
        *[When(cond, then=Value(rank)) for rank, (cond, _) in enumerate(groups)],
        output_field=IntegerField(),
    )
    rows = list(queryset.filter(firsts).annotate(agenda_group=group))
    rows.sort(key=lambda task: _agenda_key(task, groups[task.agenda_group][1]))
    return rows[:limit]


def _agenda_key(task: TodoModel, order: tuple[str, ...]) -> tuple:
    """A task's place in its group's `order` (fields; "-" before a number: descending),
    after its group."""
    key: list[Any] = [task.agenda_group]
    for name in order:
        value = getattr(task, name.lstrip("-"))
        key.append(-value if name.startswith("-") else value)
    return tuple(key)


def _completion_rate(user: AbstractBaseUser, today: date, days: int) -> dict[str, Any]:
    """Of the tasks due in the last `days` days (cancelled ones aside), how many
    are completed."""
    window = (
        live(user)
        .filter(due_date__gt=today - timedelta(days=days), due_date__lte=today)
        .exclude(status=Status.CANCELLED)
    )
    figures = window.aggregate(
        due=Count("pk"), completed=Count("pk", filter=Q(status=Status.COMPLETED))
    )
    rate = figures["completed"] / figures["due"] if figures["due"] else None
    return {**figures, "rate": None if rate is None else round(rate, 3)}


def _completion_days(user: AbstractBaseUser, zone: Any, today: date) -> set[date]:
    """The local days of the last year on which the user completed something."""
    since = today - timedelta(days=STREAK_WINDOW)
    return set(
        live(user)
        .filter(status=Status.COMPLETED, completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at", tzinfo=zone))
        .filter(day__gte=since)
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )


def streak(days: set[date], today: date) -> int:
    """Consecutive days with a completion, ending today (or yesterday, when
    nothing is completed yet today)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _lateness(user: AbstractBaseUser, zone: Any, today: date) -> dict[str, Any]:
    """Of the dated tasks completed in the last 30 days, how late they were
    (days from the due day to the local completion day; early counts as 0)."""
    rows = (
        live(user)
        .filter(
            status=Status.COMPLETED,
            due_date__isnull=False,
            completed_at__gte=datetime.combine(
                today - timedelta(days=30), datetime.min.time(), tzinfo=zone
            ),
        )
        .annotate(day=TruncDate("completed_at", tzinfo=zone))
        .values_list("day", "due_date")
    )
    delays = [max(0, (done - due).days) for done, due in rows]
    late = [d for d in delays if d > 0]
    return {
        "completed_with_due_date": len(delays),
        "late": len(late),
        "average_days_late": round(sum(delays) / len(delays), 2) if delays else None,
    }


def stats(user: AbstractBaseUser, now: datetime) -> dict[str, Any]:
    """Completion rates (7 and 30 days), overdue count, counts per priority, the
    current streak and the average lateness, all by the user's local clock."""
    today, zone = now.date(), now.tzinfo
    rows = (
        live(user).order_by().values_list("priority", "status").annotate(n=Count("pk"))
    )
    per_priority: dict[str, Counter] = {p: Counter() for p in Priority.values}
    for priority, status, count in rows:
        per_priority[priority][status] += count
    return {
        "date": today,
        "completion_rate_7_days": _completion_rate(user, today, 7),
        "completion_rate_30_days": _completion_rate(user, today, 30),
        "overdue": live(user).filter(overdue_q(now)).count(),
        "by_priority": [
            {
                "priority": priority,
                "open": counts[Status.PENDING] + counts[Status.IN_PROGRESS],
                "completed": counts[Status.COMPLETED],
                "cancelled": counts[Status.CANCELLED],
            }
            for priority, counts in reversed(per_priority.items())
        ],
        "current_streak_days": streak(_completion_days(user, zone, today), today),
        "lateness_30_days": _lateness(user, zone, today),
    }
