"""Reading a user's todos by their local clock: overdue, the today agenda, stats."""

import functools
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
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
# Each agenda group's order (fields; "-" before a number: descending).
ORDERS = {
    "overdue": ("due_date", "no_due_time", "due_time", "-priority_rank", "todo_id"),
    "due_today": ("no_due_time", "due_time", "-priority_rank", "position", "todo_id"),
    "urgent": ("no_due_date", "due_date", "position", "todo_id"),
    "in_progress": ("-priority_rank", "position", "todo_id"),
}


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
    conditions = {
        "overdue": overdue,
        "due_today": today,
        "urgent": urgent,
        "in_progress": in_progress,
    }
    return {name: (cond, ORDERS[name]) for name, cond in conditions.items()}


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


def _firsts(
    queryset: QuerySet[TodoModel], now: datetime, limit: int
) -> QuerySet[TodoModel]:
    """The rows among each agenda group's first `limit`, with their group's rank
    (`agenda_group`), in no particular order."""
    groups = list(agenda_groups(now).values())
    firsts = Q()
    for cond, order in groups:
        firsts |= Q(pk__in=queryset.filter(cond).order_by(*order).values("pk")[:limit])
    group = Case(
        *[When(cond, then=Value(rank)) for rank, (cond, _) in enumerate(groups)],
        output_field=IntegerField(),
    )
    return queryset.filter(firsts).annotate(agenda_group=group)


def _in_agenda_order(rows: list[TodoModel], limit: int) -> list[TodoModel]:
    """The first `limit` of `_firsts`' rows, group by group, each group in its order."""
    orders = list(ORDERS.values())
    rows.sort(key=lambda task: _agenda_key(task, orders[task.agenda_group]))
    return rows[:limit]


# Home's agenda statements compiled once per process and database (the ORM building
# them cost ~100 times more than running them): the ORM's own SQL for a user, a day
# and a time nobody has, captured before it runs; each call binds the user's id,
# local day and time in their places. The plan holds SQL, never data.
Base = Callable[..., QuerySet[TodoModel]]
_NOBODY = -70_707_070
_NEVER = datetime(1901, 2, 3, 4, 5, 6, 789_012)


class _Captured(Exception):
    """Stops a statement before the database with its SQL and parameters."""


def _capture(run: Callable[[], object]) -> tuple[str, tuple]:
    """The SQL and parameters of the first statement `run` sends (never sent, so
    not in the debug log of queries either)."""

    def stop(execute: Callable, sql: str, params: Any, *args: Any) -> None:
        raise _Captured(sql, tuple(params))

    logged = list(connection.queries_log)
    try:
        with connection.execute_wrapper(stop):
            run()
    except _Captured as captured:
        return captured.args
    finally:
        connection.queries_log.clear()
        connection.queries_log.extend(logged)
    raise LookupError("the agenda sent no statement")


def _values(user_id: int, now: datetime) -> dict[str, Any]:
    """The plan's parameters as the ORM binds them on this database."""
    return {
        "user": user_id,
        "day": connection.ops.adapt_datefield_value(now.date()),
        "time": connection.ops.adapt_timefield_value(now.time()),
    }


@functools.cache
def _plan(base: Base, kind: str, vendor: str, limit: int) -> tuple[str, tuple]:
    """One agenda statement ("counts" or "firsts") on `vendor`: its SQL and, per
    parameter, the name of the value it takes or ("", the constant)."""
    queryset = base(user=_NOBODY)
    if kind == "counts":
        sql, params = _capture(lambda: agenda_counts(queryset, _NEVER))
    else:
        sql, params = _capture(lambda: list(_firsts(queryset, _NEVER, limit)))
    marks = _values(_NOBODY, _NEVER).items()
    slots = tuple(
        next(((name, None) for name, mark in marks if param == mark), ("", param))
        for param in params
    )
    return sql, slots


def _bound(
    base: Base, kind: str, user_id: int, now: datetime, limit: int = 0
) -> tuple[str, list]:
    """The statement `kind` with the user's id, local day and time in it."""
    sql, slots = _plan(base, kind, connection.vendor, limit)
    values = _values(user_id, now)
    return sql, [values[name] if name else constant for name, constant in slots]


def planned_counts(base: Base, user_id: int, now: datetime) -> dict[str, int]:
    """`agenda_counts` of the user's todos (`base(user=...)`), one precompiled
    statement."""
    sql, params = _bound(base, "counts", user_id, now)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
    counts = {name: int(row[name] or 0) for name in ORDERS}
    return {**counts, "total": sum(counts.values())}


def planned_first(
    base: Base, user_id: int, now: datetime, limit: int
) -> list[TodoModel]:
    """The first `limit` tasks of the user's (`base(user=...)`) today agenda in its
    order (group by group, each group sorted as `today_agenda` sorts it), in one
    precompiled statement: the rows among each group's first `limit`, with their
    group, put in the agenda's order here."""
    sql, params = _bound(base, "firsts", user_id, now, limit)
    return _in_agenda_order(list(TodoModel.objects.raw(sql, params)), limit)


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
