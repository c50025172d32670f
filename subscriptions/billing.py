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

from mysphere_core.dates import add_months

WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"
CUSTOM = "custom"

CYCLE_MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}
CYCLE_DAYS = {WEEKLY: 7}
MONTHS_PER_YEAR = Decimal(12)
WEEKS_PER_YEAR = Decimal(52)
DAYS_PER_YEAR = Decimal(365)


def cycle_days(billing_cycle: str, custom_cycle_days: int | None) -> int | None:
    """Length of a day-based cycle (weekly, custom); None for month-based cycles."""
    if billing_cycle == CUSTOM:
        if not custom_cycle_days or custom_cycle_days < 1:
            raise ValueError("A custom billing cycle needs custom_cycle_days >= 1.")
        return custom_cycle_days
    return CYCLE_DAYS.get(billing_cycle)


def monthly_cost(
    amount: Decimal, billing_cycle: str, custom_cycle_days: int | None = None
) -> Decimal:
    """The exact monthly equivalent of `amount` charged once per cycle.

    weekly x 52/12, monthly x 1, quarterly / 3, yearly / 12, custom x (365/12) / days.
    """
    if billing_cycle == WEEKLY:
        return amount * WEEKS_PER_YEAR / MONTHS_PER_YEAR
    if billing_cycle in CYCLE_MONTHS:
        return amount / Decimal(CYCLE_MONTHS[billing_cycle])
    days = cycle_days(billing_cycle, custom_cycle_days)
    if days is None:
        raise ValueError(f"Unknown billing cycle: {billing_cycle!r}")
    return amount * DAYS_PER_YEAR / (MONTHS_PER_YEAR * Decimal(days))


def yearly_cost(
    amount: Decimal, billing_cycle: str, custom_cycle_days: int | None = None
) -> Decimal:
    """The exact yearly equivalent: the monthly cost x 12."""
    return monthly_cost(amount, billing_cycle, custom_cycle_days) * MONTHS_PER_YEAR


def nth_billing_date(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, n: int
) -> date:
    """The billing date `n` cycles after `anchor` (n = 0 is the anchor itself)."""
    if billing_cycle in CYCLE_MONTHS:
        return add_months(anchor, CYCLE_MONTHS[billing_cycle] * n)
    days = cycle_days(billing_cycle, custom_cycle_days)
    if days is None:
        raise ValueError(f"Unknown billing cycle: {billing_cycle!r}")
    return anchor + timedelta(days=days * n)


def _cycle_index_estimate(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, day: date
) -> int:
    """A cycle index close to (never above) the first billing date >= `day`."""
    if billing_cycle in CYCLE_MONTHS:
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        return max(0, months // CYCLE_MONTHS[billing_cycle] - 1)
    days = cycle_days(billing_cycle, custom_cycle_days) or 1
    return max(0, (day - anchor).days // days - 1)


def first_billing_on_or_after(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, day: date
) -> date:
    """The first billing date of the anchored series that is >= `day`."""
    n = _cycle_index_estimate(anchor, billing_cycle, custom_cycle_days, day)
    candidate = nth_billing_date(anchor, billing_cycle, custom_cycle_days, n)
    while candidate < day:
        n += 1
        candidate = nth_billing_date(anchor, billing_cycle, custom_cycle_days, n)
    return candidate


def billing_date_after(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, day: date
) -> date:
    """The first billing date of the anchored series that is strictly after `day`."""
    return first_billing_on_or_after(
        anchor, billing_cycle, custom_cycle_days, day + timedelta(days=1)
    )


def billing_date_before(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, day: date
) -> date | None:
    """The last billing date of the anchored series strictly before `day` (or None)."""
    if day <= anchor:
        return None
    n = _cycle_index_estimate(anchor, billing_cycle, custom_cycle_days, day)
    while (
        n > 0 and nth_billing_date(anchor, billing_cycle, custom_cycle_days, n) >= day
    ):
        n -= 1
    while nth_billing_date(anchor, billing_cycle, custom_cycle_days, n + 1) < day:
        n += 1
    return nth_billing_date(anchor, billing_cycle, custom_cycle_days, n)


def is_billing_date(
    anchor: date, billing_cycle: str, custom_cycle_days: int | None, day: date
) -> bool:
    """True when `day` is one of the anchored billing dates (anchor included)."""
    if day < anchor:
        return False
    return first_billing_on_or_after(anchor, billing_cycle, custom_cycle_days, day) == (
        day
    )


def billing_dates_between(
    anchor: date,
    billing_cycle: str,
    custom_cycle_days: int | None,
    date_from: date,
    date_to: date,
) -> Iterator[date]:
    """Every anchored billing date d with date_from <= d <= date_to, in order."""
    start = max(anchor, date_from)
    current = first_billing_on_or_after(anchor, billing_cycle, custom_cycle_days, start)
    while current <= date_to:
        yield current
        current = billing_date_after(anchor, billing_cycle, custom_cycle_days, current)
