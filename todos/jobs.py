"""The periodic jobs of the todos feature: Celery beat entries by name. The kit
assembles the beat schedule from every installed app's `JOBS`
(`mysphere_core/schedule.py`)."""

from celery.schedules import crontab

JOBS = {
    "todos-send-reminders": {  # at the start of every minute: 08:27 fires at 08:27
        "task": "todos.tasks.send_reminders_task",
        "schedule": crontab(),
    },
    "todos-flag-overdue": {
        "task": "todos.tasks.flag_overdue_task",
        "schedule": 900.0,
    },
}
