"""Quick add: check the text, parse it (Gemini, else the built-in parser), check
the parse, and create its tasks (subtasks under their parents) in one transaction."""

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from mysphere_core import ai
from mysphere_core.errors import InvalidInput
from mysphere_core.limits import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE
from todos import recurrence, writes
from todos.ai_insights import TodoAIInsights
from todos.models import TodoModel
from todos.nlp_parser import MAX_LINES, parse_todo_text

FEATURE = "todos"
NO_TASK = "No task found in the text: write at least a title."


def _text_error(message: str) -> InvalidInput:
    """A 400 on the `text` field."""
    return InvalidInput(message, field="text")


def checked_text(text: str) -> str:
    """The text without blank edges; 400 on `text` past MAX_LINES task lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise _text_error(f"At most {MAX_LINES} lines (tasks) at once.")
    return text.strip()


def parse(*, user: AbstractBaseUser, text: str, today: date) -> ai.AIResult:
    """The gateway's parse: Gemini (cached, rationed) or the built-in parser."""
    return ai.parse(
        user=user,
        feature=FEATURE,
        today=today,
        text=text,
        build_prompt=lambda t: TodoAIInsights.parse_prompt(t, today=today),
        schema=TodoAIInsights.PARSE_SCHEMA,
        fallback_parser=lambda t: parse_todo_text(t, today=today),
        clean=lambda data: TodoAIInsights.clean_parsed(data, today=today),
        context=today.isoformat(),
    )


def check_parsed(result: ai.AIResult) -> list[dict[str, Any]]:
    """The parsed tasks; 400 on `text` when there is none, or one has a date out of
    range or a recurrence that cannot be (dry run or not)."""
    if not result.data or not result.data.get("tasks"):
        raise _text_error(NO_TASK)
    tasks = result.data["tasks"]
    for task in tasks:
        day = task.get("due_date")
        if day and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise _text_error(
                f"The date {day.isoformat()} of \"{task['title']}\" is out of range. "
                f"{DATE_RANGE_MESSAGE}"
            )
        try:
            recurrence.parse_rule(task["recurrence"])
        except ValueError as exc:
            raise _text_error(f"\"{task['title']}\": {exc}") from exc
    return tasks


def _data(task: dict[str, Any], parents: list[TodoModel]) -> dict[str, Any]:
    """The fields of the todo one parsed task describes."""
    parent = task.get("parent_index")
    return {
        "title": task["title"],
        "priority": task["priority"],
        "due_date": task["due_date"],
        "due_time": task["due_time"],
        "tags": task["tags"],
        "estimated_minutes": task["estimated_minutes"],
        "recurrence": recurrence.parse_rule(task["recurrence"]),
        "parent": parents[parent].pk if parent is not None else None,
    }


def create_all(user: AbstractBaseUser, tasks: list[dict[str, Any]]) -> list[TodoModel]:
    """Create the parsed tasks in order (all or none); each announces
    `todo.created`."""
    created: list[TodoModel] = []
    with transaction.atomic():
        for task in tasks:
            todo = writes.build(user, _data(task, created))
            writes.save_new(user, todo, keep_position=False)
            created.append(todo)
    return created
