"""Billing maths of subscriptions: exact costs per period and anchored billing dates.

Pure functions, no database. Costs stay unrounded Decimals (rounded to cents only when
rendered, with `mysphere_core.money.to_cents`); months are added with
`mysphere_core.dates.add_months`, and user dates are bounded by `mysphere_core.limits`
(1900-2999), so cycles never overflow. Billing dates are counted from an anchor
date (`n` whole cycles after it), never by adding a month to the previous date, so a
subscription started on Jan 31 bills on Feb 28 (29 in a leap year), Mar 31, Apr 30...
"""

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from mysphere_core.dates import add_months

WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"
CUSTOM = "custom"

DAYS = "days"
WEEKS = "weeks"
MONTHS = "months"
YEARS = "years"
UNITS = (DAYS, WEEKS, MONTHS, YEARS)
# The longest interval of each unit: a year of days or weeks, ten years otherwise.
MAX_INTERVAL = {DAYS: 365, WEEKS: 52, MONTHS: 120, YEARS: 10}

MONTHS_PER_YEAR = Decimal(12)
WEEKS_PER_YEAR = Decimal(52)
DAYS_PER_YEAR = Decimal(365)
# Cycles of a unit a year: days 365, weeks 52 (as the weekly cycle always was).
PER_YEAR = {DAYS: DAYS_PER_YEAR, WEEKS: WEEKS_PER_YEAR, MONTHS: MONTHS_PER_YEAR}


class Interval(NamedTuple):
    """An exact billing interval: `count` days, weeks, months or years."""

    count: int
    unit: str

    def __str__(self) -> str:
        """`every 6 months`, `every day`."""
        unit = self.unit[:-1] if self.count == 1 else self.unit
        return f"every {unit}" if self.count == 1 else f"every {self.count} {unit}"


# What the functions take after the cycle name: an `Interval`, or (for a custom
# cycle) its days, or None for a named cycle.
CycleSpec = int | Interval | None

NAMED_INTERVALS = {
    WEEKLY: Interval(1, WEEKS),
    MONTHLY: Interval(1, MONTHS),
    QUARTERLY: Interval(3, MONTHS),
    YEARLY: Interval(1, YEARS),
}


def interval_of(billing_cycle: str, custom: CycleSpec) -> Interval:
    """The exact interval of a cycle: an `Interval` as given, a named cycle's own, or
    `custom` days (the `custom` of a custom cycle)."""
    if isinstance(custom, tuple):
        interval = Interval(*custom)
        if interval.unit not in UNITS or interval.count < 1:
            raise ValueError(f"Not a billing interval: {custom!r}")
        return interval
    if billing_cycle in NAMED_INTERVALS:
        return NAMED_INTERVALS[billing_cycle]
    if billing_cycle == CUSTOM:
        if not custom or custom < 1:
            raise ValueError("A custom billing cycle needs custom >= 1.")
        return Interval(custom, DAYS)
    raise ValueError(f"Unknown billing cycle: {billing_cycle!r}")


def _months(interval: Interval) -> int | None:
    """Months in a month- or year-based interval; None for days and weeks."""
    if interval.unit == MONTHS:
        return interval.count
    if interval.unit == YEARS:
        return interval.count * 12
    return None


def _days(interval: Interval) -> int:
    """Days in a day- or week-based interval."""
    return interval.count * (7 if interval.unit == WEEKS else 1)


def monthly_cost(
    amount: Decimal, billing_cycle: str, custom: CycleSpec = None
) -> Decimal:
    """The exact monthly equivalent of `amount` charged once per cycle.

    Every n days: x 365/12/n; every n weeks: x 52/12/n (weekly x 52/12); every n
    months: / n (quarterly / 3); every n years: / 12n (yearly / 12).
    """
    interval = interval_of(billing_cycle, custom)
    months = _months(interval)
    if months is not None:
        return amount / Decimal(months)
    return amount * PER_YEAR[interval.unit] / (MONTHS_PER_YEAR * interval.count)


def yearly_cost(
    amount: Decimal, billing_cycle: str, custom: CycleSpec = None
) -> Decimal:
    """The exact yearly equivalent: the monthly cost x 12."""
    return monthly_cost(amount, billing_cycle, custom) * MONTHS_PER_YEAR


def nth_billing_date(
    anchor: date, billing_cycle: str, custom: CycleSpec, n: int
) -> date:
    """The billing date `n` cycles after `anchor` (n = 0 is the anchor itself)."""
    interval = interval_of(billing_cycle, custom)
    months = _months(interval)
    if months is not None:
        return add_months(anchor, months * n)
    return anchor + timedelta(days=_days(interval) * n)


def _cycle_index_estimate(
    anchor: date, billing_cycle: str, custom: CycleSpec, day: date
) -> int:
    """A cycle index close to (never above) the first billing date >= `day`."""
    interval = interval_of(billing_cycle, custom)
    months = _months(interval)
    if months is not None:
        elapsed = (day.year - anchor.year) * 12 + day.month - anchor.month
        return max(0, elapsed // months - 1)
    return max(0, (day - anchor).days // _days(interval) - 1)


def first_billing_on_or_after(
    anchor: date, billing_cycle: str, custom: CycleSpec, day: date
) -> date:
    """The first billing date of the anchored series that is >= `day`."""
    n = _cycle_index_estimate(anchor, billing_cycle, custom, day)
    candidate = nth_billing_date(anchor, billing_cycle, custom, n)
    while candidate < day:
        n += 1
        candidate = nth_billing_date(anchor, billing_cycle, custom, n)
    return candidate


def billing_date_after(
    anchor: date, billing_cycle: str, custom: CycleSpec, day: date
) -> date:
    """The first billing date of the anchored series that is strictly after `day`."""
    return first_billing_on_or_after(
        anchor, billing_cycle, custom, day + timedelta(days=1)
    )


def billing_date_before(
    anchor: date, billing_cycle: str, custom: CycleSpec, day: date
) -> date | None:
    """The last billing date of the anchored series strictly before `day` (or None)."""
    if day <= anchor:
        return None
    n = _cycle_index_estimate(anchor, billing_cycle, custom, day)
    while n > 0 and nth_billing_date(anchor, billing_cycle, custom, n) >= day:
        n -= 1
    while nth_billing_date(anchor, billing_cycle, custom, n + 1) < day:
        n += 1
    return nth_billing_date(anchor, billing_cycle, custom, n)


def is_billing_date(
    anchor: date, billing_cycle: str, custom: CycleSpec, day: date
) -> bool:
    """True when `day` is one of the anchored billing dates (anchor included)."""
    if day < anchor:
        return False
    return first_billing_on_or_after(anchor, billing_cycle, custom, day) == (day)


def billing_dates_between(
    anchor: date,
    billing_cycle: str,
    custom: CycleSpec,
    date_from: date,
    date_to: date,
) -> Iterator[date]:
    """Every anchored billing date d with date_from <= d <= date_to, in order."""
    start = max(anchor, date_from)
    current = first_billing_on_or_after(anchor, billing_cycle, custom, start)
    while current <= date_to:
        yield current
        current = billing_date_after(anchor, billing_cycle, custom, current)
