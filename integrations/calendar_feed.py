"""The one iCal feed (RFC 5545) of everything dated in every feature.

Each feature's service hands `CalendarEntry` rows (`mysphere_core.calendar`); this
module renders them with the `icalendar` library: all-day or timed events,
recurrences as RRULE, alarms a number of days before. The output is stable for
unchanged data (sorted entries, DTSTAMP from the entry's last change), so its hash
is a strong ETag.
"""

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from mysphere_core.calendar import CalendarEntry

PRODID = "-//MY SPHERE//Calendar feed//EN"
TIMED_EVENT_LENGTH = timedelta(minutes=30)


def _stamp(entry: CalendarEntry) -> datetime:
    """DTSTAMP: the entry's last change, else the start (stable across requests)."""
    if entry.updated_at is not None:
        return entry.updated_at.astimezone(UTC)
    if isinstance(entry.start, datetime):
        return entry.start.astimezone(UTC)
    return datetime.combine(entry.start, time(), tzinfo=UTC)


def _event(feature: str, entry: CalendarEntry) -> Event:
    """One VEVENT (with its VALARM) for an entry."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", _stamp(entry))
    event.add("summary", entry.summary)
    event.add("dtstart", entry.start)
    if isinstance(entry.start, datetime):
        event.add("dtend", entry.start + TIMED_EVENT_LENGTH)
    else:
        event.add("dtend", entry.start + timedelta(days=1))
    if entry.description:
        event.add("description", entry.description)
    event.add("categories", list(dict.fromkeys([feature, *entry.categories])))
    if entry.rrule:
        event.add("rrule", entry.rrule)
    if entry.alarm_days_before is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(days=-entry.alarm_days_before))
        event.add_component(alarm)
    return event


def render(entries: Iterable[tuple[str, CalendarEntry]], name: str) -> bytes:
    """The feed of (feature, entry) pairs as iCalendar bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for feature, entry in sorted(entries, key=lambda pair: pair[1].uid):
        calendar.add_component(_event(feature, entry))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def etag(body: bytes) -> str:
    """A strong ETag of the feed's bytes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
