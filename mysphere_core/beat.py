"""Periodic jobs run once per period however many schedulers run.

Production runs one beat (README, "Several servers"). When more run anyway (every
server started with `run_with_jobs`, a second beat by mistake), each due job is
claimed first in the shared cache: the job and its period's slot (an hourly job's
slot is the hour of the Unix clock, a crontab's the minute) in one atomic `add`
(Redis `SET NX`, the database cache's insert). The first scheduler to claim a slot
sends the job; the others skip it.
"""

import logging
import time
from typing import Any

from celery.beat import PersistentScheduler, ScheduleEntry
from celery.schedules import schedule as every
from django.core.cache import cache

logger = logging.getLogger(__name__)

# A crontab (and anything not a plain interval) fires on whole minutes.
CRONTAB_SLOT_SECONDS = 60


def slot_seconds(entry: ScheduleEntry) -> int:
    """The length of the entry's slot: its interval, or a minute."""
    if isinstance(entry.schedule, every) and type(entry.schedule) is every:
        return max(1, int(entry.schedule.run_every.total_seconds()))
    return CRONTAB_SLOT_SECONDS


def claim(name: str, period: int, now: float | None = None) -> bool:
    """True for the first caller, in any process, of job `name` in the current slot
    of `period` seconds."""
    slot = int((time.time() if now is None else now) // period)
    return bool(cache.add(f"beat_claim_{name}_{slot}", 1, period + 60))


class OncePerSlotScheduler(PersistentScheduler):
    """Celery's default scheduler, sending a due job only when it claims the job's
    slot (`CELERY_BEAT_SCHEDULER`)."""

    def apply_entry(self, entry: ScheduleEntry, producer: Any = None) -> None:
        """Send the job unless another scheduler already sent it in this slot."""
        if not claim(entry.name, slot_seconds(entry)):
            logger.info("Beat: %s already sent by another scheduler", entry.name)
            return
        super().apply_entry(entry, producer=producer)
