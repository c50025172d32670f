"""Which domain events make a notification, and what it says.

Each rule turns one catalogued event (`mysphere_core.events.CATALOGUE`) into a
`NotificationSpec`: the user it is for, its kind, words, severity, the object it is
about and the occurrence key that makes it one notification per occurrence (a
repeated or re-announced event finds the same key). Events without a rule make no
notification; webhooks still carry them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from integrations.models import Kind, NotificationModel
from mysphere_core.events import DomainEvent
from users.services import UserService

Severity = NotificationModel.Severity


@dataclass(frozen=True)
class NotificationSpec:
    """A notification to make: for whom, what, about which object, which occurrence."""

    user_id: int
    kind: str
    title: str
    body: str
    severity: str
    object_type: str
    object_id: str
    dedupe_key: str


# subscription alert_type -> (kind, severity, body)
SUBSCRIPTION_ALERTS: dict[str, tuple[str, str, str]] = {
    "renewal_reminder": (
        Kind.SUBSCRIPTION_RENEWAL,
        Severity.INFO,
        "A subscription renews soon.",
    ),
    "trial_ending": (
        Kind.SUBSCRIPTION_TRIAL_ENDING,
        Severity.WARNING,
        "A free trial ends soon: cancel it or it starts charging.",
    ),
    "price_increase": (
        Kind.SUBSCRIPTION_PRICE_INCREASE,
        Severity.WARNING,
        "A subscription got more expensive.",
    ),
    "payment_due": (
        Kind.SUBSCRIPTION_PAYMENT_DUE,
        Severity.WARNING,
        "A subscription payment is due.",
    ),
}


def _spec(event: DomainEvent, **fields: Any) -> NotificationSpec:
    """A spec for the event's own user unless `user_id` says otherwise."""
    fields.setdefault("user_id", event.user_id)
    return NotificationSpec(**fields)


def _subscription_alert(event: DomainEvent) -> NotificationSpec | None:
    """Renewal due, trial ending, price increase or payment due (other alert types
    stay in the subscriptions app)."""
    p = event.payload
    rule = SUBSCRIPTION_ALERTS.get(p["alert_type"])
    if rule is None:
        return None
    kind, severity, body = rule
    return _spec(
        event,
        kind=kind,
        title=str(p["title"])[:200],
        body=body,
        severity=severity,
        object_type="subscription",
        object_id=str(p["subscription_id"]),
        dedupe_key=f"alert:{p['alert_id']}",
    )


def _budget(event: DomainEvent) -> NotificationSpec:
    """A category passed its alert threshold, or 100 %, this month."""
    p = event.payload
    exceeded = event.name == "budget.exceeded"
    verb = "is over budget" if exceeded else "passed its alert threshold"
    return _spec(
        event,
        kind=Kind.BUDGET_EXCEEDED if exceeded else Kind.BUDGET_THRESHOLD,
        title=f"{p['category']} {verb} ({p['percent_used']}% used)",
        body=(
            f"{p['spent']} {p['currency']} spent of {p['available']} "
            f"{p['currency']} for {p['category']} in {p['month']} "
            f"(alert at {p['threshold_percent']}%)."
        ),
        severity=Severity.CRITICAL if exceeded else Severity.WARNING,
        object_type="budget",
        object_id=str(p["budget_id"]),
        dedupe_key=f"{p['budget_id']}:{p['month']}:{p['category']}:{p['currency']}",
    )


def _todo_reminder(event: DomainEvent) -> NotificationSpec:
    """A task's reminder time came."""
    p = event.payload
    when = " ".join(str(v) for v in (p["due_date"], p["due_time"]) if v)
    return _spec(
        event,
        kind=Kind.TODO_REMINDER,
        title=f"Reminder: {p['title']}"[:200],
        body=f"Due {when}." if when else "A reminder you set.",
        severity=Severity.INFO,
        object_type="todo",
        object_id=str(p["todo_id"]),
        dedupe_key=f"{p['todo_id']}:{p['reminder_at']}",
    )


def _todo_overdue(event: DomainEvent) -> NotificationSpec:
    """A task became overdue."""
    p = event.payload
    return _spec(
        event,
        kind=Kind.TODO_OVERDUE,
        title=f"Overdue: {p['title']}"[:200],
        body=f"It was due on {p['due_date']}.",
        severity=Severity.WARNING,
        object_type="todo",
        object_id=str(p["todo_id"]),
        dedupe_key=f"{p['todo_id']}:{p['due_date']}",
    )


def _who_owes(p: dict[str, Any], amount: Any) -> str:
    """'Sam owes you 20.00 EUR' or 'You owe Sam 20.00 EUR', by direction."""
    money = f"{amount} {p['currency']}"
    if p["direction"] == "borrowed":
        return f"You owe {p['counterparty_name']} {money}"
    return f"{p['counterparty_name']} owes you {money}"


def _lending_due(event: DomainEvent) -> NotificationSpec:
    """An open loan falls due in a few days, or became overdue."""
    p = event.payload
    overdue = event.name == "lending.overdue"
    state = "was due" if overdue else "is due"
    return _spec(
        event,
        kind=Kind.LENDING_OVERDUE if overdue else Kind.LENDING_DUE_SOON,
        title=f"{_who_owes(p, p['outstanding'])}"[:200],
        body=f"It {state} on {p['due_date']}.",
        severity=Severity.WARNING if overdue else Severity.INFO,
        object_type="lending",
        object_id=str(p["lending_id"]),
        dedupe_key=f"{p['lending_id']}:{p['due_date']}",
    )


def _lending_repaid(event: DomainEvent) -> NotificationSpec:
    """A repayment was recorded."""
    p = event.payload
    settled = p["status"] == "repaid"
    left = "fully repaid" if settled else f"{p['outstanding']} {p['currency']} left"
    return _spec(
        event,
        kind=Kind.LENDING_REPAID,
        title=f"Repayment of {p['amount']} {p['currency']} recorded",
        body=f"Status: {p['status']} ({left}).",
        severity=Severity.INFO,
        object_type="lending",
        object_id=str(p["lending_id"]),
        dedupe_key=f"repayment:{p['repayment_id']}",
    )


def _list_shared(event: DomainEvent) -> NotificationSpec | None:
    """Someone shared a list: the notification is for the user it was shared with
    (an invited address: the account holding it, if any)."""
    p = event.payload
    user_id = p["shared_with_id"] or UserService.active_id_for_email(
        email=p["invited_email"]
    )
    if user_id is None:
        return None
    return _spec(
        event,
        user_id=int(user_id),
        kind=Kind.LIST_SHARED,
        title=f"A list was shared with you: {p['name']}"[:200],
        body=f"You can {'edit' if p['permission'] == 'edit' else 'view'} it.",
        severity=Severity.INFO,
        object_type="list",
        object_id=str(p["list_id"]),
        dedupe_key=f"{p['list_id']}:{event.user_id}:{p['permission']}",
    )


RULES: dict[str, Callable[[DomainEvent], NotificationSpec | None]] = {
    "subscription.alert_raised": _subscription_alert,
    "budget.threshold_crossed": _budget,
    "budget.exceeded": _budget,
    "todo.reminder": _todo_reminder,
    "todo.overdue": _todo_overdue,
    "lending.due_soon": _lending_due,
    "lending.overdue": _lending_due,
    "lending.repaid": _lending_repaid,
    "list.shared": _list_shared,
}


def notification_for(event: DomainEvent) -> NotificationSpec | None:
    """The notification an event makes, if any."""
    rule = RULES.get(event.name)
    return rule(event) if rule else None
