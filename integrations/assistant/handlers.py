"""What the assistant does for each intent, always through the owning feature's
service: a write is proposed (the feature's dry run) unless `execute`, then carried
out by the same call without the dry run; questions are answered at once.

Each handler returns an `Answer`: a sentence for a person, the objects proposed or
touched (`{"type", "id", "data"}`), and whether anything was written.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from rest_framework import exceptions

from integrations.assistant.router import Route
from mysphere_core.money import format_money

EXAMPLES = (
    "Spent $50 on gas yesterday",
    "Netflix 15.99 monthly",
    "remind me to call mom tomorrow at 5pm",
    "add milk and eggs to my shopping list",
    "lent Sam 20",
    "Sam paid me back 10",
    "Should I buy a $500 PlayStation 5?",
    "how much can I still spend on dining?",
    "what's due this week?",
)
CONFIRM_HINT = " Send the same message with confirm: true to do it."
_TODO_LEAD = re.compile(
    r"^\s*(?:please\s+)?(?:remind\s+me\s+(?:to\s+)?|(?:add\s+(?:a\s+)?)?(?:task|todo|"
    r"to-do|reminder)\s*:?\s*(?:to\s+)?|(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget"
    r"\s+(?:to\s+)?|i\s+(?:need|have|must|should|gotta|got)\s+to\s+|i\s+must\s+)",
    re.IGNORECASE,
)


@dataclass
class Answer:
    """The assistant's answer to one message."""

    reply: str
    objects: list[dict[str, Any]] = field(default_factory=list)
    executed: bool = False
    needs_confirmation: bool = False


def obj(kind: str, data: Any, pk: Any = None) -> dict[str, Any]:
    """One object of an answer."""
    return {"type": kind, "id": pk, "data": data}


def money_words(amount: Any, currency: str) -> str:
    """An amount with its currency for a sentence ("1,234.50 USD")."""
    return format_money(Decimal(str(amount)), currency)


def refused(exc: exceptions.ValidationError) -> Answer:
    """A feature's 400 as a reply: what it said about the text."""
    detail = exc.detail
    if isinstance(detail, dict):
        messages = [str(m) for value in detail.values() for m in _flat(value)]
    else:
        messages = [str(m) for m in _flat(detail)]
    return Answer("I couldn't do that: " + " ".join(messages))


def _flat(value: Any) -> list[Any]:
    """A DRF error detail as a flat list of messages."""
    if isinstance(value, (list, tuple)):
        return [m for item in value for m in _flat(item)]
    if isinstance(value, dict):
        return [m for item in value.values() for m in _flat(item)]
    return [value]


def _parse_write(
    service: Any,
    serializer: Callable[[Any], Any],
    kind: str,
    describe: Callable[[dict[str, Any]], str],
) -> Callable[[AbstractBaseUser, Route, str, bool], Answer]:
    """A handler that writes through a feature's `parse_text` (dry run first)."""

    def handle(
        user: AbstractBaseUser, route: Route, text: str, execute: bool
    ) -> Answer:
        outcome = service.parse_text(user=user, text=text, dry_run=not execute)
        data = outcome.result.data or {}
        if not execute:
            return Answer(
                f"{describe(data)}?{CONFIRM_HINT}",
                [obj(kind, data)],
                needs_confirmation=True,
            )
        created = outcome.created
        rows = created if isinstance(created, list) else [created]
        objects = [obj(kind, serializer(row), row.pk) for row in rows if row]
        return Answer(f"Done: {describe(data)}.", objects, executed=True)

    return handle


def _expense_words(data: dict[str, Any]) -> str:
    """ "Log 50.00 USD at Shell (Travel) on 2026-11-26"."""
    vendor = f" at {data['vendor']}" if data.get("vendor") else ""
    return (
        f"Log {money_words(data['amount'], data['currency'])}{vendor} "
        f"({data.get('category') or 'Other'}) on {data.get('date')}"
    )


def _subscription_words(data: dict[str, Any]) -> str:
    """ "Add Netflix at 15.99 USD monthly"."""
    return (
        f"Add {data.get('name') or 'the subscription'} at "
        f"{money_words(data['amount'], data['currency'])} "
        f"{data.get('billing_cycle') or 'monthly'}"
    )


def _lending_words(data: dict[str, Any]) -> str:
    """A loan or a repayment in words."""
    amount = money_words(data["amount"], data["currency"])
    person = data.get("counterparty") or "them"
    if data.get("kind") == "repayment":
        return f"Record {amount} repaid by {person}"
    if data.get("direction") == "borrowed":
        return f"Record {amount} borrowed from {person}"
    return f"Record {amount} lent to {person}"


def _todo_words(data: dict[str, Any]) -> str:
    """ "Add the task "Call mom" due 2026-11-29 17:00"."""
    tasks = data.get("tasks") or []
    parts = []
    for task in tasks:
        due = f" due {task['due_date']}" if task.get("due_date") else ""
        time = f" {task['due_time']}" if task.get("due_time") and due else ""
        parts.append(f'"{task.get("title")}"{due}{time}')
    noun = "the task" if len(parts) == 1 else "the tasks"
    return f"Add {noun} " + ", ".join(parts)


def expense(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Log an expense (the expenses parser reads it)."""
    from expenses.serializers import ExpenseSerializer
    from expenses.services import ExpenseService

    handle = _parse_write(
        ExpenseService, lambda row: ExpenseSerializer(row).data, "expense",
        _expense_words,
    )  # fmt: skip
    return handle(user, route, text, execute)


def subscription(
    user: AbstractBaseUser, route: Route, text: str, execute: bool
) -> Answer:
    """Add a subscription (the subscriptions parser reads it)."""
    from subscriptions.serializers import SubscriptionSerializer
    from subscriptions.services import SubscriptionService

    handle = _parse_write(
        SubscriptionService, lambda row: SubscriptionSerializer(row).data,
        "subscription", _subscription_words,
    )  # fmt: skip
    return handle(user, route, text, execute)


def todo(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Add tasks (the todos quick add reads them, "remind me to" left out)."""
    from todos.serializers import TodoSerializer
    from todos.services import TodoService

    words = _TODO_LEAD.sub("", text, count=1).strip() or text
    handle = _parse_write(
        TodoService, lambda row: TodoSerializer(row).data, "todo", _todo_words
    )
    return handle(user, route, words[:1].upper() + words[1:], execute)


def lending(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Record a loan or a repayment (the lending parser reads it)."""
    from lending.serializers import LendingSerializer
    from lending.services import LendingService

    handle = _parse_write(
        LendingService, lambda row: LendingSerializer(row).data, "lending",
        _lending_words,
    )  # fmt: skip
    return handle(user, route, text, execute)
