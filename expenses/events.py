"""The expenses feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import MONEY, EventDeclarations

_EXPENSE = ("expense_id", *MONEY, "category", "transaction_date", "expense_type")

EVENTS: EventDeclarations = {
    "expense.created": (_EXPENSE, "An expense was recorded."),
    "expense.updated": (_EXPENSE, "An expense changed; the payload is its new state."),
    "expense.deleted": (
        _EXPENSE,
        "An expense was soft-deleted (by its owner or staff) or deleted for good "
        "(staff).",
    ),
    "expense.restored": (
        _EXPENSE,
        "A soft-deleted expense came back (its owner's undo, or staff).",
    ),
    "expense.bulk_created": (("expense_ids", "count"), "Expenses recorded at once."),
    "expense.category_changed": (
        ("category_id", "name"),
        "A category of the user's own was added, changed or deleted.",
    ),
    "expense.category_renamed": (
        ("old_name", "new_name", "count"),
        "A category of the user's own was renamed, or deleted with its expenses "
        "moved: they now carry the new name.",
    ),
}
