"""The budgets feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import EventDeclarations

_ALERT = (
    "budget_id",
    "month",
    "category",
    "currency",
    "available",
    "spent",
    "percent_used",
    "threshold_percent",
)

EVENTS: EventDeclarations = {
    "budget.created": (
        ("budget_id", "month", "currency"),
        "A monthly plan was created (by hand or from generate).",
    ),
    "budget.updated": (
        ("budget_id", "month", "fields"),
        "A plan or its allocations changed.",
    ),
    "budget.deleted": (("budget_id", "month"), "A plan was soft-deleted."),
    "budget.closed": (
        ("budget_id", "month"),
        "A month was closed: its rollover carried into the next month.",
    ),
    "budget.preferences_changed": (
        ("categories",),
        "Necessity scores or monthly limits changed (or were reset).",
    ),
    "budget.threshold_crossed": (
        _ALERT,
        "The first expense that took a category past its alert threshold this month.",
    ),
    "budget.exceeded": (
        _ALERT,
        "The first expense that took a category past 100 % this month.",
    ),
}
