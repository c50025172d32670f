"""Celery tasks of the integrations feature: emails, the digest, webhook attempts."""

from celery import shared_task

from integrations import notifications, webhooks
from mysphere_core.features import feature_enabled


@shared_task
def send_notification_email_task(notification_id: int) -> bool:
    """Email one notification whose kind the user wants by email."""
    return notifications.send_email(notification_id)


@shared_task
def send_daily_digests_task() -> dict[str, int]:
    """Hourly (beat): the daily digest of every user whose digest hour has come."""
    if not feature_enabled("integrations"):
        return {}
    return notifications.send_digests()


@shared_task
def deliver_webhook_task(delivery_id: int) -> int | None:
    """One attempt of a delivery; a failure schedules the next one with
    exponential backoff (countdown) until the attempts run out."""
    countdown = webhooks.attempt(delivery_id)
    if countdown is not None:
        deliver_webhook_task.apply_async((delivery_id,), countdown=countdown)
    return countdown


@shared_task
def resend_stale_deliveries_task() -> int:
    """Every 5 minutes (beat): attempts whose task was lost are queued again."""
    if not feature_enabled("integrations"):
        return 0
    stale = webhooks.stale_deliveries()
    for delivery_id in stale:
        deliver_webhook_task.delay(delivery_id)
    return len(stale)
