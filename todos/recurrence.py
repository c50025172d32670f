"""Recurrence rules: how they are written, and their schedule.

A rule is a unit (daily, weekdays, weekly, monthly, yearly) and an interval:
"every 2 weeks" is weekly every 2. The schedule is anchored on the series' first
due date, never on the day a task was completed: monthly on the 31st gives
Jan 31, Feb 28 (29), Mar 31, Apr 30; "every 2 weeks" stays on the original weekday;
weekdays skip Saturday and Sunday; yearly on Feb 29 is Feb 28 in other years.

One engine: `rrule_parts` writes the schedule as an RFC 5545 RRULE (the iCal feed
sends it as is), and `next_due` expands that same rule with python-dateutil's
`rrule`, so a calendar app shows the dates the app makes. A day past the 28th
is "that day, or the month's last if it is shorter":
`BYMONTHDAY=28,29,30,31;BYSETPOS=-1` for the 31st, `28,29,30` for the 30th, and
`BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1` for a yearly Feb 29.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil import rrule

from mysphere_core.calendar import anchored_rule
from mysphere_core.limits import LATEST_DATE

NONE = "none"
DAILY = "daily"
WEEKDAYS = "weekdays"
WEEKLY = "weekly"
MONTHLY = "monthly"
YEARLY = "yearly"
UNITS = (NONE, DAILY, WEEKDAYS, WEEKLY, MONTHLY, YEARLY)
MAX_INTERVAL = 999
# unit -> the word after "every N"
_PLURALS = {DAILY: "days", WEEKLY: "weeks", MONTHLY: "months", YEARLY: "years"}
_FROM_WORD = {
    "day": DAILY,
    "week": WEEKLY,
    "month": MONTHLY,
    "year": YEARLY,
}
_ALIASES = {
    "": NONE,
    "never": NONE,
    "once": NONE,
    "every day": DAILY,
    "every weekday": WEEKDAYS,
    "every week": WEEKLY,
    "every month": MONTHLY,
    "every year": YEARLY,
    "annually": YEARLY,
    "biweekly": WEEKLY,
}
_EVERY_N = re.compile(r"every\s+(-?\d+)\s+(day|week|month|year)s?")
HELP = (
    "none, daily, weekdays, weekly, monthly, yearly, or 'every N days|weeks|months|"
    "years' (N from 1 to 999)."
)


@dataclass(frozen=True)
class Rule:
    """A recurrence: its unit and how many units apart."""

    unit: str = NONE
    interval: int = 1

    @property
    def repeats(self) -> bool:
        """True for every rule but `none`."""
        return self.unit != NONE

    def label(self) -> str:
        """How the API writes it: `weekly`, `every 2 weeks`, `none`."""
        if self.interval == 1 or self.unit in (NONE, WEEKDAYS):
            return self.unit
        return f"every {self.interval} {_PLURALS[self.unit]}"


def parse_rule(text: str) -> Rule:
    """The rule `text` writes; ValueError with a message a person can act on."""
    words = " ".join(str(text).lower().split())
    if words in UNITS:
        return Rule(words, 1)
    if words in _ALIASES:
        return Rule(_ALIASES[words], 2 if words == "biweekly" else 1)
    match = _EVERY_N.fullmatch(words)
    if match is None:
        raise ValueError(f'"{text}" is not a recurrence. Use {HELP}')
    count = int(match.group(1))
    if not 1 <= count <= MAX_INTERVAL:
        raise ValueError(f"Repeat every 1 to {MAX_INTERVAL} units, not {count}.")
    return Rule(_FROM_WORD[match.group(2)], count)


_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


def rrule_parts(rule: Rule, anchor: date) -> dict[str, Any]:
    """The schedule anchored on `anchor` as RRULE parts (icalendar's `vRecur`
    shape), for an event starting on one of its dates: `{"FREQ": "MONTHLY",
    "BYMONTHDAY": [28, 29, 30, 31], "BYSETPOS": -1}` for the 31st."""
    if rule.unit == WEEKDAYS:
        return {"FREQ": "WEEKLY", "BYDAY": list(_WEEKDAYS)}
    return anchored_rule(rule.unit.upper(), rule.interval, anchor)


def rrule_text(rule: Rule, anchor: date) -> str:
    """The RRULE value as a feed writes it: `FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;
    BYSETPOS=-1`."""
    written = []
    for name, value in rrule_parts(rule, anchor).items():
        values = value if isinstance(value, list) else [value]
        written.append(f"{name}={','.join(str(v) for v in values)}")
    return ";".join(written)


def schedule(rule: Rule, *, start: date, anchor: date | None = None) -> rrule.rrule:
    """The dates of the rule from `start` (the anchor's rule, expanded by dateutil
    from the RRULE text), up to 2999-12-31."""
    text = rrule_text(rule, anchor or start)
    return rrule.rrulestr(
        f"{text};UNTIL={LATEST_DATE:%Y%m%d}",
        dtstart=datetime.combine(start, datetime.min.time()),
    )


def next_due(rule: Rule, *, anchor: date, current: date, today: date) -> date | None:
    """The next instance's day: the first day of the anchored schedule after
    `current` (the completed instance's due day) and not before `today`, so missed
    occurrences do not pile up. None when the rule does not repeat or the next
    day would be past 2999."""
    if not rule.repeats:
        return None
    floor = max(current, today - timedelta(days=1))
    dates = schedule(rule, start=anchor)
    found = dates.after(datetime.combine(floor, datetime.min.time()))
    return found.date() if found else None
