"""What todos does when other features announce something (connected in apps.ready).

A subscription trial about to end (`subscription.alert_raised`, alert_type
"trial_ending") becomes a todo; the subscription cancelled
(`subscription.status_changed` to "cancelled") completes it.
"""

from typing import Any

from mysphere_core.events import DomainEvent
from mysphere_core.exceptions import NotFoundError
from mysphere_core.features import feature_enabled
from todos.services import TodoService
from users.services import UserAdminService

TRIAL_ENDING = "trial_ending"
CANCELLED = "cancelled"


def on_subscription_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """Turn trial alerts into todos, and cancellations into completions."""
    payload = event.payload
    trial = event.name == "subscription.alert_raised" and (
        payload.get("alert_type") == TRIAL_ENDING
    )
    cancelled = event.name == "subscription.status_changed" and (
        payload.get("status") == CANCELLED
    )
    if not (trial or cancelled) or not feature_enabled("todos"):
        return
    try:
        user = UserAdminService.get_for(pk=event.user_id)
    except NotFoundError:
        return
    if trial:
        TodoService.trial_ending(user=user, subscription_id=payload["subscription_id"])
    else:
        TodoService.subscription_cancelled(
            user=user, subscription_id=payload["subscription_id"]
        )
