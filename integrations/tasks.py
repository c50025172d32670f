"""Celery tasks of the integrations feature: emails, the digest, webhook attempts."""

from celery import shared_task
from django.conf import settings

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
    """One attempt of a due delivery. With a broker, a failure queues the next
    attempt with its backoff (countdown); without one, the sweep below sends it
    when it is due (retries are scheduled, never slept through)."""
    countdown = webhooks.attempt(delivery_id)
    if countdown is not None and not settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_webhook_task.apply_async((delivery_id,), countdown=countdown)
    return countdown


@shared_task
def send_due_deliveries_task() -> int:
    """Every minute (beat): the webhook outbox is drained: new deliveries whose
    task was lost, retries whose time has come, attempts whose worker died."""
    if not feature_enabled("integrations"):
        return 0
    due = webhooks.due_deliveries()
    for delivery_id in due:
        deliver_webhook_task.delay(delivery_id)
    return len(due)
