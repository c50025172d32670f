"""Celery tasks of the budgets feature (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from budgets.services import BudgetService
from mysphere_core.features import feature_enabled


@shared_task
def close_finished_months_task() -> int:
    """Hourly: close the plans whose month is over in their owner's time zone, so
    their rollover is frozen (the only closing besides `close/`: reads never close)."""
    if not feature_enabled("budgets"):
        return 0
    return BudgetService.close_finished_months()
