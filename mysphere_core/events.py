"""Domain events: services announce what happened; receivers act after the commit.

    events.announce("expense.created", user=user, expense_id=7, amount="9.50", ...)

`announce` checks the name and the payload against `CATALOGUE` (the one list of
every event and its fields) and sends `domain_event` once the surrounding
transaction commits, so nothing hears of a write that rolled back. Receivers:
cache invalidation (`mysphere_core/caching.py`) today; budget alerts, notifications
and webhooks later. A feature never imports another feature's receivers, and
payloads hold JSON-ready values only (ids, strings, numbers), never model objects.
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

# Receivers get `event=DomainEvent(...)`.
domain_event = Signal()

_MONEY = ("amount", "currency")
_EXPENSE = ("expense_id", *_MONEY, "category", "transaction_date", "expense_type")

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
        ("alert_id", "subscription_id", "alert_type", "title"),
        "A renewal, trial, price or usage alert was raised.",
    ),
    "subscription.alerts_changed": (
        ("alert_ids",),
        "Alerts were read or dismissed.",
    ),
}

# The feature (app) an event name's first part belongs to.
FEATURE_OF = {
    "user": "users",
    "expense": "expenses",
    "subscription": "subscriptions",
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
