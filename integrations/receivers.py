"""Receivers of the core's domain events: notifications and webhook deliveries.

Both run after the announcing transaction commits (`events.announce`); a failing
receiver is logged by the core and does not stop the others.
"""

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from integrations import notifications, webhooks
from integrations.models import WebhookEndpointModel
from integrations.rules import notification_for
from mysphere_core.events import DomainEvent, domain_event


@receiver(domain_event, dispatch_uid="integrations.notify_on_event")
def notify_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """One notification per occurrence of the events that make one."""
    spec = notification_for(event)
    if spec is not None:
        notifications.notify(spec, event_type=event.name, event_id=event.event_id)


@receiver(domain_event, dispatch_uid="integrations.deliver_on_event")
def deliver_on_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """A delivery to each of the user's live endpoints that wants the event."""
    from integrations.tasks import deliver_webhook_task

    endpoints = WebhookEndpointModel.objects.filter(
        user_id=event.user_id, is_active=True, enabled=True
    )
    body = webhooks.event_body(event)
    for endpoint in endpoints:
        if not endpoint.wants(event.name):
            continue
        delivery = webhooks.create_delivery(
            endpoint, event_id=event.event_id, event_type=event.name, body=body
        )
        if delivery is not None:
            pk = delivery.pk
            transaction.on_commit(lambda pk=pk: deliver_webhook_task.delay(pk))
