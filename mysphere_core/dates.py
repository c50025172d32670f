"""Calendar arithmetic every feature shares: months, their ends, adding months."""

from calendar import monthrange
from datetime import date


def month_start(day: date, months_back: int = 0) -> date:
    """The first day of the month `months_back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return day.replace(day=monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """`day` moved by `months`, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    start = month_start(day, -months)
    return start.replace(day=min(day.day, monthrange(start.year, start.month)[1]))
