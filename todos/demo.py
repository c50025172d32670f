"""Demo data: a believable to-do list for `seed_demo`.

Work and home tasks at every priority, some overdue, some due today, a few timed,
recurring chores (weekdays, weekly, every 3 days, every 2 weeks, monthly), a
project with subtasks, and a few tasks already completed, all through
`TodoService`, relative to the user's today.
"""

from datetime import time, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from todos.recurrence import parse_rule
from todos.services import TodoService
from users.services import UserService

# (title, days from today or None, due time, priority, tags, recurrence, minutes)
TASKS: tuple[tuple[Any, ...], ...] = (
    ("Renew car registration", -3, None, "high", ("car",), "none", 30),
    ("Reply to Dana about the offsite", -1, time(10), "medium", ("work",), "none", 15),
    ("Stand-up", 0, time(9, 30), "medium", ("work",), "weekdays", 15),
    ("Pay the electricity bill", 0, None, "urgent", ("bills",), "none", 10),
    ("Call mom", 1, time(17), "high", ("family",), "weekly", 20),
    ("Water the plants", 1, None, "low", ("home",), "every 3 days", 10),
    ("Clean the fridge", 6, None, "low", ("home",), "every 2 weeks", 45),
    ("Pay rent", 9, None, "urgent", ("bills",), "monthly", 5),
    ("Book dentist check-up", 12, None, "medium", ("health",), "none", 10),
    ("Write the quarterly report", 4, None, "high", ("work",), "none", 240),
    ("Read 'Deep Work'", None, None, "low", ("books",), "none", 60),
    ("Sort out old photos", None, None, "low", ("hobby",), "none", 180),
)
PROJECT = ("Plan the family trip", 14, "high", ("family", "travel"))
STEPS = ("Pick the dates", "Book the flights", "Find a hotel near the beach")
DONE = (
    ("Buy a birthday gift for Sam", -2, "high", ("family",)),
    ("Submit the expense report", -1, "medium", ("work",)),
    ("Take the recycling out", 0, "low", ("home",)),
)


def _data(today: Any, days: int | None, **fields: Any) -> dict[str, Any]:
    """A task's fields, its day relative to today."""
    due = None if days is None else today + timedelta(days=days)
    return {"due_date": due, **fields}


def seed(user: AbstractBaseUser) -> str:
    """Create the user's demo tasks; return a one-line summary."""
    today = UserService.today_for(user=user)
    for title, days, at, priority, tags, rule, minutes in TASKS:
        TodoService.create(
            user=user,
            data=_data(
                today,
                days,
                title=title,
                due_time=at,
                priority=priority,
                tags=list(tags),
                recurrence=parse_rule(rule),
                estimated_minutes=minutes,
            ),
        )
    title, days, priority, tags = PROJECT
    project = TodoService.create(
        user=user,
        data=_data(today, days, title=title, priority=priority, tags=list(tags)),
    )
    for step in STEPS:
        TodoService.create(user=user, data={"title": step, "parent": project.pk})
    for title, days, priority, tags in DONE:
        done = TodoService.create(
            user=user,
            data=_data(today, days, title=title, priority=priority, tags=list(tags)),
        )
        TodoService.complete(user=user, pk=done.pk)
    total = len(TASKS) + 1 + len(STEPS) + len(DONE)
    return f"{total} tasks ({len(DONE)} completed, a project with {len(STEPS)} steps)."
