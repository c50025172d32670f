"""What budgets does when expenses announce something (the kit imports this module
when the app is ready): an expense write checks the thresholds of the categories
it touched (`alerts.py`); a renamed category carries its allocations and ranking
along (`categories.py`)."""

from budgets import alerts, categories
from mysphere_core import events

events.on(
    "expense.created",
    "expense.updated",
    "expense.restored",
    "expense.bulk_created",
    wanted=alerts.open_to_alerts,
)(alerts.on_expense_event)
events.on("expense.category_renamed")(categories.on_category_renamed)
