"""One INFO line for everything a service created, changed or deleted.

A receiver of the domain events: it logs the event's name, the user id and the ids in
its payload, never amounts, names or text (no personal data, no secrets).
"""

import logging
from typing import Any

from mysphere_core import events
from mysphere_core.events import DomainEvent

logger = logging.getLogger("mysphere.audit")


def _ids(payload: dict[str, Any]) -> dict[str, Any]:
    """Only the ids of a payload (`expense_id`, `expense_ids`, …)."""
    return {k: v for k, v in payload.items() if k.endswith(("_id", "_ids"))}


@events.on_every()
def log_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """`expense.created user=3 expense_id=7`, with the fields as `extra`."""
    ids = _ids(event.payload)
    logger.info(
        "%s user=%s %s",
        event.name,
        event.user_id,
        " ".join(f"{k}={v}" for k, v in ids.items()),
        extra={
            "event": event.name,
            "event_id": event.event_id,
            "user_id": event.user_id,
            **ids,
        },
    )
