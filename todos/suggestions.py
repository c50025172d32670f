"""The day's plan: which open tasks to do today within the available minutes,
which to break down, which to defer. The rule-based ranking (urgency x importance,
with a reason per task) is the fallback of the AI's; both are packed the same way.
"""

from datetime import date, timedelta
from typing import Any

from todos.models import TodoModel

Priority = TodoModel.Priority
IMPORTANCE = {Priority.URGENT: 4, Priority.HIGH: 3, Priority.MEDIUM: 2, Priority.LOW: 1}
DEFAULT_MINUTES = 30  # a task with no estimate
LONG_TASK_MINUTES = 120
STALE_DAYS = 14
CANDIDATES = 100
DEFAULT_AVAILABLE_MINUTES = 240


def urgency(todo: TodoModel, today: date) -> tuple[float, str]:
    """How pressing the due date makes the task (1 to 5), and why."""
    if todo.due_date is None:
        return 1.0, "no due date"
    days = (todo.due_date - today).days
    if days < 0:
        late = -days
        return min(5.0, 4.0 + late / 7), f"overdue by {late} day{'s' * (late > 1)}"
    if days == 0:
        return 3.5, "due today"
    if days <= 2:
        return 2.5, f"due in {days} day{'s' * (days > 1)}"
    if days <= 7:
        return 1.5, f"due in {days} days"
    return 1.0, f"due on {todo.due_date.isoformat()}"


def score(todo: TodoModel, today: date) -> tuple[float, str]:
    """Urgency x importance, with the reason in words."""
    pressing, why = urgency(todo, today)
    importance = IMPORTANCE[todo.priority]
    reason = f"{todo.priority} priority, {why}"
    if todo.status == TodoModel.Status.IN_PROGRESS:
        pressing += 0.5
        reason += ", already started"
    return round(pressing * importance, 2), reason


def minutes_of(todo: TodoModel) -> int:
    """The estimate, or DEFAULT_MINUTES."""
    return todo.estimated_minutes or DEFAULT_MINUTES


def break_down_reason(todo: TodoModel, today: date, has_subtasks: bool) -> str | None:
    """Why a task should be split into steps (long or stale), or None."""
    if has_subtasks:
        return None
    if (todo.estimated_minutes or 0) > LONG_TASK_MINUTES:
        return (
            f"Estimated at {todo.estimated_minutes} minutes: split it into steps "
            "of under an hour."
        )
    age = (today - todo.created_at.date()).days
    if todo.status == TodoModel.Status.PENDING and age >= STALE_DAYS:
        return f"Open for {age} days without a start: name the first small step."
    return None


def fallback_ranking(
    todos: list[TodoModel], today: date, parents: set[int]
) -> dict[str, Any]:
    """The rule-based answer: every candidate ranked by score with its reason, the
    tasks to break down, and the low scorers to defer."""
    scored = sorted(
        ((score(t, today), t) for t in todos),
        key=lambda pair: (-pair[0][0], pair[1].due_date or date.max, pair[1].pk),
    )
    ranked = [{"todo_id": t.pk, "reason": why} for (_, why), t in scored]
    break_down = [
        {"todo_id": t.pk, "reason": why}
        for t in todos
        if (why := break_down_reason(t, today, t.pk in parents))
    ]
    defer = [
        {"todo_id": t.pk, "reason": f"{why.capitalize()}: it can wait a day."}
        for (_, why), t in scored
        if t.priority == Priority.LOW and t.due_date is not None and t.due_date <= today
    ]
    summary = (
        f"{len(todos)} open tasks ranked by urgency x importance."
        if todos
        else "Nothing open: enjoy the free time or plan something new."
    )
    return {
        "summary": summary,
        "ranked": ranked,
        "break_down": break_down,
        "defer": defer,
    }


def _row(todo: TodoModel, reason: str, today: date) -> dict[str, Any]:
    """One task of the plan as the API shows it."""
    value, _ = score(todo, today)
    return {
        "todo_id": todo.pk,
        "title": todo.title,
        "priority": todo.priority,
        "due_date": todo.due_date,
        "minutes": minutes_of(todo),
        "score": value,
        "reason": reason,
    }


def _no_room(
    todos: list[TodoModel], skip: set[int], today: date, reason: str
) -> list[dict[str, Any]]:
    """Tasks due by today that are neither planned nor deferred yet."""
    return [
        {"todo_id": t.pk, "reason": reason}
        for t in todos
        if t.pk not in skip and t.due_date is not None and t.due_date <= today
    ]


def packed(
    ranking: dict[str, Any], todos: list[TodoModel], today: date, available: int
) -> dict[str, Any]:
    """The ranking as today's plan: tasks in rank order while they fit in
    `available` minutes; the ones deferred, and those due by today that did not
    fit, get tomorrow as their suggested day."""
    by_id = {t.pk: t for t in todos}
    deferred = {item["todo_id"] for item in ranking["defer"]}
    plan, used = [], 0
    for item in ranking["ranked"]:
        todo = by_id.get(item["todo_id"])
        if todo is None or todo.pk in deferred:
            continue
        if used + minutes_of(todo) <= available:
            plan.append(_row(todo, item["reason"], today))
            used += minutes_of(todo)
    planned = {row["todo_id"] for row in plan}
    tomorrow = today + timedelta(days=1)
    no_room = f"No room left in today's {available} minutes."
    return {
        "summary": ranking["summary"],
        "available_minutes": available,
        "planned_minutes": used,
        "plan": plan,
        "break_down": [
            {**_row(by_id[i["todo_id"]], i["reason"], today)}
            for i in ranking["break_down"]
            if i["todo_id"] in by_id
        ],
        "defer": [
            {
                **_row(by_id[i["todo_id"]], i["reason"], today),
                "suggested_date": tomorrow,
            }
            for i in [
                *ranking["defer"],
                *_no_room(todos, planned | deferred, today, no_room),
            ]
            if i["todo_id"] in by_id and i["todo_id"] not in planned
        ],
    }


def prompt_row(todo: TodoModel, today: date) -> dict[str, Any]:
    """What the AI may know of one open task (no description, no tags)."""
    return {
        "todo_id": todo.pk,
        "title": todo.title,
        "priority": todo.priority,
        "status": todo.status,
        "due_date": todo.due_date,
        "due_time": todo.due_time,
        "estimated_minutes": todo.estimated_minutes,
        "open_days": (today - todo.created_at.date()).days,
    }
