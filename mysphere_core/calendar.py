"""What each feature puts on the user's calendar feed, without knowing the feed.

A feature whose `userdata.py` has

    calendar_entries(user) -> Iterable[CalendarEntry]

contributes those entries to the one iCal feed the integrations app serves. The
entries are plain data; rendering RFC 5545 is the feed's job.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mysphere_core.features import app_declarations


@dataclass(frozen=True)
class CalendarEntry:
    """One dated item: all-day when `start` is a date, timed when an aware datetime."""

    uid: str  # stable across feeds, e.g. "todo-42@mysphere"
    summary: str
    start: date | datetime
    description: str = ""
    # An RFC 5545 recurrence as icalendar vRecur takes it: {"FREQ": "WEEKLY"}
    rrule: dict[str, Any] | None = None
    alarm_days_before: int | None = None
    updated_at: datetime | None = None
    categories: tuple[str, ...] = field(default_factory=tuple)


SHORTEST_MONTH = 28


def anchored_rule(freq: str, interval: int, anchor: date) -> dict[str, Any]:
    """The RRULE parts of a schedule every `interval` `freq` ("DAILY", "WEEKLY",
    "MONTHLY", "YEARLY") anchored on `anchor`, for an event starting on one of its
    dates. A monthly or yearly anchor past the 28th means "that day, or the month's
    last if it is shorter": `BYMONTHDAY=28..d;BYSETPOS=-1` picks the latest day up
    to the anchor's that the month has (Jan 31, Feb 28, Mar 31, Apr 30)."""
    rule: dict[str, Any] = {"FREQ": freq}
    if interval > 1:
        rule["INTERVAL"] = interval
    if freq in ("MONTHLY", "YEARLY") and anchor.day > SHORTEST_MONTH:
        if freq == "YEARLY":
            rule["BYMONTH"] = anchor.month
        rule["BYMONTHDAY"] = list(range(SHORTEST_MONTH, anchor.day + 1))
        rule["BYSETPOS"] = -1
    return rule


def calendar_entries(user: AbstractBaseUser) -> Iterator[tuple[str, CalendarEntry]]:
    """(feature, entry) for every entry every enabled feature puts on the calendar."""
    for config, entries in app_declarations("userdata", "calendar_entries"):
        if config.enabled():
            for entry in entries(user):
                yield config.feature, entry
