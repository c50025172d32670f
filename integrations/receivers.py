"""Receivers of the domain events (the kit imports this module when the app is
ready): notifications and webhook deliveries.

Notifications are made for the events that have a rule (`rules.RULES`), after the
announcing transaction commits (a failing receiver
is logged by the core and does not stop the others). Webhook deliveries are outbox
rows written inside that transaction (`domain_event_recorded`), so a committed write
always has its deliveries; they are sent after the commit by a task
(`outbound.later`: a worker, or after the response), never inside the request.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.db import connection

from integrations import notifications, webhooks
from integrations.models import WebhookEndpointModel
from integrations.rules import RULES, notification_for
from mysphere_core import events, outbound
from mysphere_core.events import DomainEvent


@events.on(*RULES)
def notify_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """One notification per occurrence of the events that make one."""
    spec = notification_for(event)
    if spec is not None:
        notifications.notify(spec, event_type=event.name, event_id=event.event_id)


@events.on("subscription.alerts_changed")
def read_alerts_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """Subscription alerts read or dismissed in their own list: their notifications
    are read too (one read state)."""
    notifications.read_alerts(event.user_id, event.payload["alert_ids"])


def _has_live_endpoint(
    user_id: int, name: str, known: Mapping[str, Any]
) -> tuple[str, list[Any]]:
    """The outbox's test before a write: the user has a live endpoint."""
    return _ANY_LIVE_ENDPOINT, [user_id]


@events.on_every(in_transaction=True, wanted=_has_live_endpoint)
def deliver_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """A delivery row to each of the user's live endpoints that wants the event, in
    the write's transaction; sent after the commit. Every write of every feature
    comes here, and most users have no endpoint: the question is one short
    statement, the endpoints are loaded only when wanted."""
    from integrations.tasks import deliver_webhook_task

    wanted = [
        pk
        for pk, events in _live_endpoints(event.user_id)
        if WebhookEndpointModel.subscribed(events, event.name)
    ]
    if not wanted:
        return
    body = webhooks.event_body(event)
    for endpoint in WebhookEndpointModel.objects.filter(pk__in=wanted):
        delivery = webhooks.create_delivery(
            endpoint, event_id=event.event_id, event_type=event.name, body=body
        )
        if delivery is not None:
            outbound.later(deliver_webhook_task, delivery.pk)


def _live_endpoints(user_id: int) -> list[tuple[int, list[str]]]:
    """(id, events) of the user's live endpoints (not deleted, not paused)."""
    with connection.cursor() as cursor:
        cursor.execute(_LIVE_ENDPOINTS, [user_id])
        return [(pk, json.loads(events or "[]")) for pk, events in cursor.fetchall()]


_ANY_LIVE_ENDPOINT = (
    f"SELECT EXISTS (SELECT 1 FROM {WebhookEndpointModel._meta.db_table} "  # noqa: S608
    "WHERE user_id = %s AND is_active AND enabled)"
)
_LIVE_ENDPOINTS = (
    f"SELECT webhook_id, events FROM {WebhookEndpointModel._meta.db_table} "  # noqa: S608
    "WHERE user_id = %s AND is_active AND enabled ORDER BY webhook_id"
)
