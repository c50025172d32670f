"""Celery's beat schedule, assembled from the apps: each declares its periodic jobs
in its own `jobs.py` (`JOBS`: entry name -> {"task": dotted name, "schedule": seconds
or a crontab}); the kit's own are in `mysphere_core/jobs.py`. Set on the Celery app
when the kit is ready, in every process (web, worker, beat)."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from mysphere_core.features import app_declarations


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Every installed app's periodic jobs by entry name; a name declared twice is a
    configuration error."""
    schedule: dict[str, dict[str, Any]] = {}
    for config, jobs in app_declarations("jobs", "JOBS"):
        clashes = sorted(set(schedule) & set(jobs))
        if clashes:
            raise ImproperlyConfigured(f"{config.name}: jobs {clashes} declared twice.")
        schedule.update(jobs)
    return schedule
