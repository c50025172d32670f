"""The todos feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import EventDeclarations

EVENTS: EventDeclarations = {
    "todo.created": (
        ("todo_id", "title", "due_date", "priority"),
        "A task was added (by hand, quick add, recurrence or another feature).",
    ),
    "todo.updated": (("todo_id", "fields"), "A task's fields changed."),
    "todo.deleted": (("todo_id",), "A task was soft-deleted."),
    "todo.completed": (
        ("todo_id", "title", "next_todo_id"),
        "A task was completed (next_todo_id: the next instance of a recurring one).",
    ),
    "todo.reopened": (("todo_id",), "A completed or cancelled task was reopened."),
    "todo.bulk_updated": (("todo_ids", "fields"), "Tasks changed at once."),
    "todo.reordered": (("todo_ids",), "Tasks were put in a new manual order."),
    "todo.reminder": (
        ("todo_id", "title", "reminder_at", "due_date", "due_time"),
        "A task's reminder time came (once per task and reminder).",
    ),
    "todo.overdue": (
        ("todo_id", "title", "due_date"),
        "A task became overdue (once per task and day it became so).",
    ),
}
