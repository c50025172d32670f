"""Celery tasks of the lending feature (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from lending.services import LendingService
from mysphere_core.features import feature_enabled


@shared_task
def send_reminders_task() -> dict[str, int]:
    """Hourly: `lending.due_soon` 3 days before a due date, `lending.overdue` once
    past it (nothing while the feature is turned off)."""
    if not feature_enabled("lending"):
        return {}
    return LendingService.send_reminders()
