"""Two beat schedulers (one per server, say) send each periodic job once per period:
the first to claim the job's slot in the shared cache sends it."""

from datetime import timedelta

import pytest
from celery.beat import PersistentScheduler, ScheduleEntry
from celery.schedules import crontab, schedule

from mysphere_core import beat
from mysphere_core.celery import app

pytestmark = pytest.mark.django_db


def _scheduler() -> beat.OncePerSlotScheduler:
    """A scheduler without its schedule file (only `apply_entry` is exercised)."""
    return object.__new__(beat.OncePerSlotScheduler)


def test_two_schedulers_send_an_hourly_job_once_an_hour(frozen, monkeypatch):
    sent: list[str] = []
    monkeypatch.setattr(
        PersistentScheduler,
        "apply_entry",
        lambda self, entry, producer=None: sent.append(entry.name),
    )
    entry = ScheduleEntry(
        name="hourly", task="t", schedule=schedule(timedelta(hours=1)), app=app
    )
    first, second = _scheduler(), _scheduler()
    first.apply_entry(entry)
    frozen.shift(60 * 20)  # the second beat started later: its turn comes later
    second.apply_entry(entry)
    assert sent == ["hourly"]
    frozen.shift(60 * 40)  # the next hour
    second.apply_entry(entry)
    first.apply_entry(entry)
    assert sent == ["hourly", "hourly"]


def test_a_crontab_job_is_claimed_per_minute(frozen):
    entry = ScheduleEntry(name="minutely", task="t", schedule=crontab(), app=app)
    assert beat.slot_seconds(entry) == 60
    assert beat.claim("minutely", 60) is True
    assert beat.claim("minutely", 60) is False
    frozen.shift(60)
    assert beat.claim("minutely", 60) is True


def test_the_project_runs_this_scheduler():
    assert app.conf.beat_scheduler == "mysphere_core.beat:OncePerSlotScheduler"
