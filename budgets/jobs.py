"""The periodic jobs of the budgets feature: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

JOBS = {
    "budgets-close-finished-months": {
        "task": "budgets.tasks.close_finished_months_task",
        "schedule": 3600.0,
    },
}
