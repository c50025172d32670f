"""Recurrence rules: how they are written, and the next day on an anchored schedule.

A rule is a unit (daily, weekdays, weekly, monthly, yearly) and an interval:
"every 2 weeks" is weekly every 2. The schedule is anchored on the series' first
due date, never on the day a task was completed: monthly on the 31st gives
Jan 31, Feb 28 (29), Mar 31; "every 2 weeks" stays on the original weekday;
weekdays skip Saturday and Sunday.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mysphere_core.dates import add_months
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


def occurrence(rule: Rule, anchor: date, index: int) -> date:
    """The `index`-th day of the schedule starting on `anchor` (0 is the anchor);
    weekdays are handled by `next_due`."""
    if rule.unit == DAILY:
        return anchor + timedelta(days=index * rule.interval)
    if rule.unit == WEEKLY:
        return anchor + timedelta(weeks=index * rule.interval)
    months = index * rule.interval * (12 if rule.unit == YEARLY else 1)
    return add_months(anchor, months)


def _next_weekday(day: date) -> date:
    """The first Monday-to-Friday day after `day`."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def next_due(rule: Rule, *, anchor: date, current: date, today: date) -> date | None:
    """The next instance's day: the first day of the anchored schedule after
    `current` (the completed instance's due day) and not before `today`, so missed
    occurrences do not pile up. None when the rule does not repeat or the next
    day would be past 2999."""
    if not rule.repeats:
        return None
    floor = max(current, today - timedelta(days=1))
    if rule.unit == WEEKDAYS:
        found = _next_weekday(floor)
        return found if found <= LATEST_DATE else None
    if rule.unit in (DAILY, WEEKLY):
        step = rule.interval * (7 if rule.unit == WEEKLY else 1)
        index = max(0, (floor - anchor).days // step)
    else:
        months = rule.interval * (12 if rule.unit == YEARLY else 1)
        index = max(0, ((floor.year - anchor.year) * 12 + floor.month - anchor.month))
        index = index // months
    while True:
        found = occurrence(rule, anchor, index)
        if found > floor:
            return found if found <= LATEST_DATE else None
        index += 1
