"""Celery tasks of the todos feature (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from mysphere_core.features import feature_enabled
from todos.services import TodoService


@shared_task
def send_reminders_task() -> int:
    """Every minute: announce the reminders whose time came (once each)."""
    if not feature_enabled("todos"):
        return 0
    return TodoService.send_reminders()


@shared_task
def flag_overdue_task() -> int:
    """Every 15 minutes: announce tasks that became overdue (once each)."""
    if not feature_enabled("todos"):
        return 0
    return TodoService.flag_overdue()
