"""Celery tasks of the subscriptions feature (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from mysphere_core.features import feature_enabled
from subscriptions.services import SubscriptionAlertService


@shared_task
def generate_alerts_task() -> dict[str, int]:
    """Hourly: renewal reminders, payments due/overdue, trials ending, planned ends
    (nothing while the feature is turned off)."""
    if not feature_enabled("subscriptions"):
        return {}
    return SubscriptionAlertService.generate()


@shared_task
def daily_maintenance_task() -> dict[str, int]:
    """Daily: drop dismissed alerts older than 30 days, expire ended subscriptions
    (nothing while the feature is turned off)."""
    if not feature_enabled("subscriptions"):
        return {}
    return SubscriptionAlertService.daily_maintenance()


@shared_task
def renew_automatically_task() -> int:
    """Hourly: auto-renewing subscriptions whose renewal date came record their
    payment (nothing while the feature is turned off)."""
    if not feature_enabled("subscriptions"):
        return 0
    return SubscriptionAlertService.renew_automatically()
