"""The periodic jobs of the kit: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

JOBS = {
    "core-forget-expired-idempotency-keys": {
        "task": "mysphere_core.tasks.forget_expired_idempotency_keys_task",
        "schedule": 86400.0,
    },
}
