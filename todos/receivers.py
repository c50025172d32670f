"""What todos does when other features announce something (connected in apps.ready).

A subscription trial about to end (`subscription.alert_raised`, alert_type
"trial_ending") becomes a todo; the subscription cancelled
(`subscription.status_changed` to "cancelled") completes it, and the subscription
deleted (`subscription.deleted`) cancels it: there is nothing left to decide.
"""

from typing import Any

from mysphere_core.events import DomainEvent
from mysphere_core.exceptions import NotFoundError
from mysphere_core.features import feature_enabled
from todos.services import TodoService
from users.services import UserAdminService

TRIAL_ENDING = "trial_ending"
CANCELLED = "cancelled"


def _action(event: DomainEvent) -> str | None:
    """What the event asks of todos: "trial", "answered", "withdrawn" or None."""
    payload = event.payload
    if event.name == "subscription.alert_raised":
        return "trial" if payload.get("alert_type") == TRIAL_ENDING else None
    if event.name == "subscription.status_changed":
        return "answered" if payload.get("status") == CANCELLED else None
    return "withdrawn" if event.name == "subscription.deleted" else None


def on_subscription_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """Turn trial alerts into todos, cancellations into completions, deletions
    into cancellations."""
    action = _action(event)
    if action is None or not feature_enabled("todos"):
        return
    try:
        user = UserAdminService.get_for(pk=event.user_id)
    except NotFoundError:
        return
    subscription_id = event.payload["subscription_id"]
    if action == "trial":
        TodoService.trial_ending(user=user, subscription_id=subscription_id)
    elif action == "answered":
        TodoService.subscription_cancelled(user=user, subscription_id=subscription_id)
    else:
        TodoService.subscription_deleted(user=user, subscription_id=subscription_id)
