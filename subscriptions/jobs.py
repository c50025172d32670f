"""The periodic jobs of the subscriptions feature: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

JOBS = {
    "subscriptions-generate-alerts": {
        "task": "subscriptions.tasks.generate_alerts_task",
        "schedule": 3600.0,
    },
    "subscriptions-renew-automatically": {
        "task": "subscriptions.tasks.renew_automatically_task",
        "schedule": 3600.0,
    },
    "subscriptions-daily-maintenance": {
        "task": "subscriptions.tasks.daily_maintenance_task",
        "schedule": 86400.0,
    },
}
