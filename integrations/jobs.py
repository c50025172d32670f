"""The periodic jobs of the integrations feature: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

JOBS = {
    "integrations-daily-digest": {
        "task": "integrations.tasks.send_daily_digests_task",
        "schedule": 3600.0,
    },
    "integrations-send-due-deliveries": {
        "task": "integrations.tasks.send_due_deliveries_task",
        "schedule": 60.0,
    },
}
