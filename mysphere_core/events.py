"""Domain events: services announce what happened; receivers act after the commit.

    events.announce("expense.created", user=user, expense_id=7, amount="9.50", ...)

`announce` checks the name and the payload against `CATALOGUE` (the one list of
every event and its fields) and sends `domain_event` once the surrounding
transaction commits, so nothing hears of a write that rolled back. Receivers:
cache invalidation (`mysphere_core/caching.py`), the audit log, budget alerts and
notifications. `domain_event_recorded` is sent at once, inside the transaction, for
the webhook outbox (a delivery row committed with the write). A feature never
imports another feature's receivers, and payloads hold JSON-ready values only (ids,
strings, numbers), never model objects.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

logger = logging.getLogger(__name__)

# Receivers get `event=DomainEvent(...)`; `domain_event` after the commit.
domain_event = Signal()
# Sent inside the announcing transaction, for receivers that write an outbox row
# (a webhook delivery) atomically with the write; such a receiver does database
# work only, and its failure fails the write.
domain_event_recorded = Signal()

_MONEY = ("amount", "currency")
_EXPENSE = ("expense_id", *_MONEY, "category", "transaction_date", "expense_type")
_BUDGET_ALERT = (
    "budget_id",
    "month",
    "category",
    "currency",
    "available",
    "spent",
    "percent_used",
    "threshold_percent",
)
_LENDING = (
    "lending_id",
    "direction",
    "counterparty_name",
    *_MONEY,
    "due_date",
)

# name -> (the payload's fields, what happened). The feature is the name's first part
# (`expense.created` -> `expenses`, see FEATURE_OF).
CATALOGUE: dict[str, tuple[tuple[str, ...], str]] = {
    # users
    "user.profile_updated": (("fields",), "The profile changed (currency, income…)."),
    "user.deactivated": ((), "The account was deactivated by its owner."),
    # expenses
    "expense.created": (_EXPENSE, "An expense was recorded."),
    "expense.updated": (_EXPENSE, "An expense changed; the payload is its new state."),
    "expense.deleted": (
        _EXPENSE,
        "An expense was soft-deleted (by its owner or staff) or deleted for good "
        "(staff).",
    ),
    "expense.restored": (_EXPENSE, "Staff restored a soft-deleted expense."),
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
    # subscriptions
    "subscription.created": (
        ("subscription_id", "name", *_MONEY, "billing_cycle", "next_billing_date"),
        "A subscription was added.",
    ),
    "subscription.updated": (
        ("subscription_id", "fields"),
        "A subscription's fields changed.",
    ),
    "subscription.deleted": (("subscription_id",), "A subscription was removed."),
    "subscription.restored": (
        ("subscription_id",),
        "Staff restored a soft-deleted subscription.",
    ),
    "subscription.status_changed": (
        ("subscription_id", "status", "previous_status"),
        "Paused, resumed, cancelled or expired.",
    ),
    "subscription.price_changed": (
        ("subscription_id", "old_amount", "old_currency", *_MONEY),
        "A subscription's price changed.",
    ),
    "subscription.payment_recorded": (
        ("subscription_id", "payment_id", *_MONEY, "due_date", "status"),
        "A payment of a subscription was recorded.",
    ),
    "subscription.payment_updated": (
        ("subscription_id", "payment_id", "fields", *_MONEY, "due_date", "status"),
        "A payment was corrected (its linked expense with it); `fields` changed.",
    ),
    "subscription.payment_refunded": (
        ("subscription_id", "payment_id", *_MONEY, "refund_date", "status"),
        "A payment was refunded (amount: the refund; status: refunded or "
        "partially_refunded).",
    ),
    "subscription.payment_deleted": (
        ("subscription_id", "payment_id"),
        "A payment was deleted; its cycle is due again.",
    ),
    "subscription.usage_logged": (
        ("subscription_id", "usage_id"),
        "Usage of a subscription was logged.",
    ),
    "subscription.category_changed": (
        ("category_id", "action"),
        "A subscription category was created, renamed or deleted.",
    ),
    "subscription.alert_raised": (
        ("alert_id", "subscription_id", "alert_type", "title", "message", "email"),
        "A renewal, payment, trial, price, usage, end or status alert was raised "
        "(`email`: the subscription lets its alerts be emailed).",
    ),
    "subscription.alerts_changed": (
        ("alert_ids",),
        "Alerts were read, dismissed or removed (each is read).",
    ),
    # budgets
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
        _BUDGET_ALERT,
        "The first expense that took a category past its alert threshold this month.",
    ),
    "budget.exceeded": (
        _BUDGET_ALERT,
        "The first expense that took a category past 100 % this month.",
    ),
    # todos
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
    # lists
    "list.created": (("list_id", "name", "list_type"), "A list was created."),
    "list.updated": (("list_id", "fields"), "A list's fields changed."),
    "list.deleted": (("list_id",), "A list was soft-deleted."),
    "list.items_changed": (
        ("list_id", "action", "item_ids"),
        "Items were added, changed, checked, reordered or removed.",
    ),
    "list.shared": (
        ("list_id", "name", "shared_with_id", "invited_email", "permission"),
        "The owner shared a list (shared_with_id: the user named by username; "
        "invited_email, with shared_with_id null: an invited address).",
    ),
    "list.unshared": (
        ("list_id", "shared_with_id"),
        "The owner stopped sharing a list with a user.",
    ),
    "list.completed": (
        ("list_id", "name", "owner_id", "expense_id", "total", "currency", "vendor"),
        "A shop was finished: one Groceries expense was recorded (by the list's "
        "owner or someone it is shared with; owner_id: the list's owner).",
    ),
    "list.shopping_undone": (
        ("list_id", "expense_id", "item_ids"),
        "A finished shop was undone: its expense deleted, the items it cleared back.",
    ),
    # lending
    "lending.created": (
        _LENDING,
        "Money lent or borrowed was recorded (by hand, parse_text or a split).",
    ),
    "lending.updated": (("lending_id", "fields"), "A record's fields changed."),
    "lending.deleted": (("lending_id",), "A record was soft-deleted."),
    "lending.repaid": (
        ("lending_id", "repayment_id", *_MONEY, "outstanding", "status"),
        "A repayment was recorded (outstanding and status: after it).",
    ),
    "lending.repayment_deleted": (
        ("lending_id", "repayment_id", "outstanding", "status"),
        "A repayment was deleted; outstanding and status recomputed.",
    ),
    "lending.status_changed": (
        ("lending_id", "status", "previous_status"),
        "Written off or forgiven.",
    ),
    "lending.settled": (
        ("counterparty_name", "currency", "amount", "lending_ids"),
        "One payment settled several open items with a person.",
    ),
    "lending.due_soon": (
        (*_LENDING, "outstanding"),
        "An open record falls due in 3 days (once per record and due date).",
    ),
    "lending.overdue": (
        (*_LENDING, "outstanding"),
        "An open record became overdue (once per record and due date).",
    ),
}

# The feature (app) an event name's first part belongs to.
FEATURE_OF = {
    "user": "users",
    "expense": "expenses",
    "subscription": "subscriptions",
    "budget": "budgets",
    "todo": "todos",
    "list": "lists",
    "lending": "lending",
}


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened to one user's data, ready to be serialised."""

    name: str
    user_id: int
    payload: dict[str, Any]
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    occurred_at: datetime = field(default_factory=timezone.now)

    @property
    def feature(self) -> str:
        """The feature app that announced it (`expenses` for `expense.created`)."""
        return FEATURE_OF[self.name.split(".", 1)[0]]


def announce(name: str, /, *, user: AbstractBaseUser, **payload: Any) -> DomainEvent:
    """Send `name` with `payload` to every receiver once the transaction commits.

    `name` is positional-only, so a payload may carry a `name` field too
    (`subscription.created`). An unknown name or a payload whose fields differ from
    the catalogue's is a programming error (ValueError), caught by the tests of the
    announcing service.
    """
    if name not in CATALOGUE:
        raise ValueError(f"Unknown domain event '{name}': add it to CATALOGUE.")
    expected = set(CATALOGUE[name][0])
    if set(payload) != expected:
        raise ValueError(
            f"Event '{name}' carries {sorted(payload)}; the catalogue says "
            f"{sorted(expected)}."
        )
    event = DomainEvent(name=name, user_id=user.pk, payload=payload)
    domain_event_recorded.send(sender=DomainEvent, event=event)
    transaction.on_commit(lambda: _dispatch(event))
    return event


def _dispatch(event: DomainEvent) -> None:
    """Call every receiver; one that fails is logged and does not stop the others."""
    for receiver, result in domain_event.send_robust(sender=DomainEvent, event=event):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %s failed on %s",
                getattr(receiver, "__qualname__", receiver),
                event.name,
                exc_info=result,
            )
