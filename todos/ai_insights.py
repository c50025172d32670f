"""Gemini prompts, response schemas and answer cleaning of the todos feature.

Only text and shapes live here; `TodoService` gathers the tasks, calls the gateway
(`mysphere_core.ai`) and supplies the rule-based fallbacks (`suggestions.py`,
`nlp_parser.py`).
"""

import json
from datetime import date, time
from typing import Any

from todos import recurrence
from todos.models import MAX_MINUTES, MAX_TAGS, MAX_TITLE, TodoModel

PRIORITIES = list(TodoModel.Priority.values)
_REASONED = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "todo_id": {"type": "integer"},
            "reason": {"type": "string"},
        },
        "required": ["todo_id", "reason"],
    },
}


class TodoAIInsights:
    """What we ask Gemini about tasks, and how we read its answers."""

    SUGGESTIONS_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "summary": {"type": "string"},
            "ranked": _REASONED,
            "break_down": _REASONED,
            "defer": _REASONED,
        },
        "required": ["summary", "ranked", "break_down", "defer"],
    }

    PARSE_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "tasks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "due_date": {"type": "string", "nullable": True},
                        "due_time": {"type": "string", "nullable": True},
                        "priority": {"type": "string", "enum": PRIORITIES},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "recurrence": {"type": "string"},
                        "estimated_minutes": {"type": "integer", "nullable": True},
                        "parent_index": {"type": "integer", "nullable": True},
                    },
                    "required": ["title", "priority", "tags", "recurrence"],
                },
            }
        },
        "required": ["tasks"],
    }

    @staticmethod
    def suggestions_prompt(tasks: list[dict[str, Any]], today: date) -> str:
        """Ask for a ranking of the open tasks for today."""
        return (
            "You plan a person's day from their open tasks. Answer JSON only.\n"
            f"Today is {today:%A} {today.isoformat()} in their time zone.\n"
            "- ranked: the tasks in the order to do them today (most urgent and "
            "important first), each with a one-sentence reason.\n"
            "- break_down: tasks too long (over two hours) or stale (open for weeks) "
            "that should be split, with the first step as the reason.\n"
            "- defer: low-value tasks that can move to another day, with why.\n"
            "- summary: one sentence.\n"
            "Use only the todo_id values given.\n"
            f"Tasks: {json.dumps(tasks, ensure_ascii=False, default=str)}"
        )

    @staticmethod
    def clean_suggestions(data: dict[str, Any], known: set[int]) -> dict[str, Any]:
        """Keep the entries naming known tasks (once each); ValueError if none do."""

        def known_only(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            seen: set[int] = set()
            kept = []
            for item in items:
                if item["todo_id"] in known and item["todo_id"] not in seen:
                    seen.add(item["todo_id"])
                    kept.append({"todo_id": item["todo_id"], "reason": item["reason"]})
            return kept

        ranked = known_only(data["ranked"])
        if known and not ranked:
            raise ValueError("The AI ranked none of the user's tasks.")
        return {
            "summary": str(data["summary"])[:500],
            "ranked": ranked,
            "break_down": known_only(data["break_down"]),
            "defer": known_only(data["defer"]),
        }

    @staticmethod
    def parse_prompt(text: str, *, today: date) -> str:
        """Ask for the tasks described in quick-add text."""
        return (
            "Read the to-do items in the text below and answer JSON only.\n"
            f"Today is {today:%A} {today.isoformat()} in the user's time zone.\n"
            "Each line is one task; an indented line or one starting with '-' is a "
            "subtask of the line above (parent_index: that task's 0-based index). "
            "Text in double quotes belongs to the title literally.\n"
            "title: the task without the date, time, priority, tags or recurrence "
            "words. due_date: YYYY-MM-DD or null. due_time: HH:MM (24 h) or null. "
            "priority: urgent, high, medium or low (p1 = urgent, p2 = high, "
            "p3 = medium, p4 = low, '!high' style marks; medium if not said). "
            "tags: the #words, lower case, without '#'. recurrence: "
            f"{recurrence.HELP} estimated_minutes: the duration if stated, or null.\n"
            f"Text: {json.dumps(text, ensure_ascii=False)}"
        )

    @staticmethod
    def clean_parsed(data: dict[str, Any], *, today: date) -> dict[str, Any]:
        """The AI's tasks as the fallback parser shapes them; ValueError if unusable."""
        tasks = [
            _clean_task(item, index, today) for index, item in enumerate(data["tasks"])
        ]
        if not tasks:
            raise ValueError("The AI found no task.")
        return {"tasks": tasks}


def _clean_tags(raw: list[Any]) -> list[str]:
    """Lower-case single words without '#', once each, in order (at most 50)."""
    tags: list[str] = []
    for value in raw:
        word = "".join(str(value).split()).lstrip("#").replace(",", "").lower()[:50]
        if word and word not in tags:
            tags.append(word)
    return tags[:MAX_TAGS]


def _clean_task(item: dict[str, Any], index: int, today: date) -> dict[str, Any]:
    """One task of the AI's answer, checked and shaped; ValueError if unusable."""
    title = " ".join(str(item["title"]).split())[:MAX_TITLE]
    if not title:
        raise ValueError("A task without a title.")
    parent = item.get("parent_index")
    if parent is not None and not 0 <= parent < index:
        raise ValueError("A subtask must follow its parent.")
    rule = recurrence.parse_rule(item.get("recurrence") or "none")
    due = date.fromisoformat(item["due_date"]) if item.get("due_date") else None
    at = time.fromisoformat(item["due_time"]) if item.get("due_time") else None
    if due is None and (rule.repeats or at is not None):
        due = today  # as the built-in parser reads "every day" or "at 5pm"
    minutes = item.get("estimated_minutes")
    return {
        "title": title,
        "due_date": due,
        "due_time": at.replace(second=0, microsecond=0) if at else None,
        "priority": item["priority"],
        "tags": _clean_tags(item["tags"]),
        "recurrence": rule.label(),
        "estimated_minutes": (
            minutes if minutes and 1 <= minutes <= MAX_MINUTES else None
        ),
        "parent_index": parent,
    }
