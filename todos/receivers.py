"""What todos does when other features announce something (the kit imports this
module when the app is ready).

A subscription trial about to end (`subscription.alert_raised`, alert_type
"trial_ending") becomes a todo; the subscription cancelled
(`subscription.status_changed` to "cancelled") completes it, and the subscription
deleted (`subscription.deleted`) cancels it: there is nothing left to decide.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mysphere_core import events
from mysphere_core.errors import NotFoundError
from mysphere_core.events import DomainEvent
from mysphere_core.features import feature_enabled
from todos.services import TodoService
from users.services import UserAdminService

TRIAL_ENDING = "trial_ending"
CANCELLED = "cancelled"


def _for_owner(event: DomainEvent, act: Callable[..., Any]) -> None:
    """`act(user=..., subscription_id=...)` for the event's user, while todos is on
    and the user still exists."""
    if not feature_enabled("todos"):
        return
    try:
        user: AbstractBaseUser = UserAdminService.get_for(pk=event.user_id)
    except NotFoundError:
        return
    act(user=user, subscription_id=event.payload["subscription_id"])


@events.on("subscription.alert_raised")
def open_trial_todo(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """A trial about to end becomes a todo (other alerts are not for todos)."""
    if event.payload.get("alert_type") == TRIAL_ENDING:
        _for_owner(event, TodoService.trial_ending)


@events.on("subscription.status_changed")
def complete_trial_todo(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """The subscription cancelled answers its trial's todo."""
    if event.payload.get("status") == CANCELLED:
        _for_owner(event, TodoService.subscription_cancelled)


@events.on("subscription.deleted")
def cancel_trial_todo(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """The subscription deleted withdraws its trial's todo."""
    _for_owner(event, TodoService.subscription_deleted)
