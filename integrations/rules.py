"""Which domain events make a notification, and what it says.

Each rule turns one catalogued event (`mysphere_core.events.catalogue()`) into a
`NotificationSpec`: the user it is for, its kind, words, severity, the object it is
about and the occurrence key that makes it one notification per occurrence (a
repeated or re-announced event finds the same key). Events without a rule make no
notification; webhooks still carry them. A notification tells a person what happened
while they were not looking (a date came, someone else acted): an action the user
just took themselves (a repayment recorded, their own shop) notifies nobody. The words
name people and things as sentences, never raw status values.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

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
    email_allowed: bool = True  # False keeps it in the app whatever the channel


# subscription alert_type -> (kind, severity); the alert's own words are the text
SUBSCRIPTION_ALERTS: dict[str, tuple[str, str]] = {
    "renewal_reminder": (Kind.SUBSCRIPTION_RENEWAL, Severity.INFO),
    "trial_ending": (Kind.SUBSCRIPTION_TRIAL_ENDING, Severity.WARNING),
    "price_increase": (Kind.SUBSCRIPTION_PRICE_INCREASE, Severity.WARNING),
    "payment_due": (Kind.SUBSCRIPTION_PAYMENT_DUE, Severity.WARNING),
    "usage_limit": (Kind.SUBSCRIPTION_USAGE_LIMIT, Severity.INFO),
    "cancellation_reminder": (Kind.SUBSCRIPTION_ENDING, Severity.INFO),
    "status_change": (Kind.SUBSCRIPTION_STATUS, Severity.INFO),
}
SUBSCRIPTION_KINDS = frozenset(kind for kind, _ in SUBSCRIPTION_ALERTS.values())
ALERT_KEY = "alert:"


def alert_key(alert_id: int) -> str:
    """The occurrence key of a subscription alert's notification."""
    return f"{ALERT_KEY}{alert_id}"


def alert_id_of(kind: str, dedupe_key: str) -> int | None:
    """The subscription alert a notification is, if it is one."""
    if kind not in SUBSCRIPTION_KINDS or not dedupe_key.startswith(ALERT_KEY):
        return None
    return int(dedupe_key.removeprefix(ALERT_KEY))


def _spec(event: DomainEvent, **fields: Any) -> NotificationSpec:
    """A spec for the event's own user unless `user_id` says otherwise."""
    fields.setdefault("user_id", event.user_id)
    return NotificationSpec(**fields)


def _user(user_id: int) -> Any:
    """The account a notification is about or for (None once it is gone)."""
    return get_user_model().objects.filter(pk=user_id).first()


def _on_day(user_id: int, iso_day: str) -> str:
    """A date as a person says it, from the user's today: "today", "tomorrow",
    "yesterday", else "on Friday 25 December"."""
    day = date.fromisoformat(iso_day)
    user = _user(user_id)
    today = UserService.today_for(user=user) if user else day - timedelta(days=9)
    words = {
        today: "today",
        today + timedelta(days=1): "tomorrow",
        today - timedelta(days=1): "yesterday",
    }
    return words.get(day) or f"on {day:%A} {day.day} {day:%B}"


def _person(user_id: int) -> str:
    """How a user is named to another: their first name, else their username."""
    user = _user(user_id)
    if user is None:
        return "Someone"
    return user.first_name or user.get_username()


def _subscription_alert(event: DomainEvent) -> NotificationSpec:
    """Every subscription alert, in the alert's own words (a subscription whose
    email_notifications is off keeps its alerts in the app)."""
    p = event.payload
    kind, severity = SUBSCRIPTION_ALERTS[p["alert_type"]]
    return _spec(
        event,
        kind=kind,
        title=str(p["title"])[:200],
        body=str(p["message"]),
        severity=severity,
        object_type="subscription",
        object_id=str(p["subscription_id"]),
        dedupe_key=alert_key(p["alert_id"]),
        email_allowed=bool(p["email"]),
    )


def _budget(event: DomainEvent) -> NotificationSpec | None:
    """A category passed its alert threshold, or 100 %, this month: one notification
    of each per category and month (the threshold one is left out when the same
    expense went past 100 % too, as the "over budget" one says it all)."""
    p = event.payload
    exceeded = event.name == "budget.exceeded"
    spent, available = Decimal(p["spent"]), Decimal(p["available"])
    if not exceeded and spent > available:
        return None
    month = date.fromisoformat(f"{p['month']}-01")
    money = f"{p['spent']} of {p['available']} {p['currency']}"
    if exceeded:
        title = f"{p['category']} is over budget for {month:%B}"
    else:
        used = Decimal(str(p["percent_used"]))
        title = f"{p['category']} has used {used:.0f}% of its {month:%B} budget"
    return _spec(
        event,
        kind=Kind.BUDGET_EXCEEDED if exceeded else Kind.BUDGET_THRESHOLD,
        title=title[:200],
        body=(
            f"You have spent {money} planned for {p['category']} in {month:%B %Y} "
            f"(you asked to be told at {p['threshold_percent']}%)."
        ),
        severity=Severity.CRITICAL if exceeded else Severity.WARNING,
        object_type="budget",
        object_id=str(p["budget_id"]),
        dedupe_key=f"{p['month']}:{p['category']}:{p['currency']}",
    )


def _todo_reminder(event: DomainEvent) -> NotificationSpec:
    """A task's reminder time came."""
    p = event.payload
    when = _on_day(event.user_id, p["due_date"]) if p["due_date"] else ""
    if when and p["due_time"]:
        when += f" at {str(p['due_time'])[:5]}"
    return _spec(
        event,
        kind=Kind.TODO_REMINDER,
        title=f"Reminder: {p['title']}"[:200],
        body=f"It is due {when}." if when else "The reminder you set for it.",
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
        body=f"It was due {_on_day(event.user_id, p['due_date'])}.",
        severity=Severity.WARNING,
        object_type="todo",
        object_id=str(p["todo_id"]),
        dedupe_key=f"{p['todo_id']}:{p['due_date']}",
    )


def _loan_words(p: dict[str, Any]) -> tuple[str, str]:
    """("Nia's 10.00 USD", "Nia owes you 10.00 USD") or, for money borrowed,
    ("Your 10.00 USD to Nia", "You owe Nia 10.00 USD")."""
    money = f"{p['outstanding']} {p['currency']}"
    name = p["counterparty_name"]
    if p["direction"] == "borrowed":
        return f"Your {money} to {name}", f"You owe {name} {money}"
    return f"{name}'s {money}", f"{name} owes you {money}"


def _lending_due(event: DomainEvent) -> NotificationSpec:
    """An open loan falls due in a few days, or became overdue: "Nia's 10.00 USD is
    due tomorrow"."""
    p = event.payload
    overdue = event.name == "lending.overdue"
    subject, owes = _loan_words(p)
    when = _on_day(event.user_id, p["due_date"])
    return _spec(
        event,
        kind=Kind.LENDING_OVERDUE if overdue else Kind.LENDING_DUE_SOON,
        title=f"{subject} {'was' if overdue else 'is'} due {when}"[:200],
        body=f"{owes} (of {p['amount']} {p['currency']}).",
        severity=Severity.WARNING if overdue else Severity.INFO,
        object_type="lending",
        object_id=str(p["lending_id"]),
        dedupe_key=f"{p['lending_id']}:{p['due_date']}",
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


def _list_completed(event: DomainEvent) -> NotificationSpec | None:
    """Someone the list is shared with finished the shop: its owner is told (nobody
    is told of a shop they finished themselves)."""
    p = event.payload
    if p["owner_id"] == event.user_id:
        return None
    where = f" at {p['vendor']}" if p["vendor"] else ""
    return _spec(
        event,
        user_id=int(p["owner_id"]),
        kind=Kind.LIST_COMPLETED,
        title=f"{_person(event.user_id)} finished the shop for {p['name']}"[:200],
        body=f"They spent {p['total']} {p['currency']}{where}.",
        severity=Severity.INFO,
        object_type="list",
        object_id=str(p["list_id"]),
        dedupe_key=f"shop:{p['expense_id']}",
    )


RULES: dict[str, Callable[[DomainEvent], NotificationSpec | None]] = {
    "subscription.alert_raised": _subscription_alert,
    "budget.threshold_crossed": _budget,
    "budget.exceeded": _budget,
    "todo.reminder": _todo_reminder,
    "todo.overdue": _todo_overdue,
    "lending.due_soon": _lending_due,
    "lending.overdue": _lending_due,
    "list.shared": _list_shared,
    "list.completed": _list_completed,
}


def notification_for(event: DomainEvent) -> NotificationSpec | None:
    """The notification an event makes, if any."""
    rule = RULES.get(event.name)
    return rule(event) if rule else None
