"""The periodic jobs of the lending feature: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

JOBS = {
    "lending-send-reminders": {
        "task": "lending.tasks.send_reminders_task",
        "schedule": 3600.0,
    },
}
