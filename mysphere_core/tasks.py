"""Celery tasks of the kit (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from mysphere_core import idempotency


@shared_task
def forget_expired_idempotency_keys_task() -> int:
    """Daily: delete the idempotency keys older than 24 hours."""
    return idempotency.forget_expired()
