"""Calendar arithmetic every feature shares: months, their ends, adding months,
the "YYYY-MM" month of the API."""

import re
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


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_MESSAGE = "Use a month as YYYY-MM between 1900-01 and 2999-12."


def parse_month(value: str) -> date | None:
    """The first day of a "YYYY-MM" month in 1900..2999, else None."""
    match = MONTH_PATTERN.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1900 <= year <= 2999 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def month_label(day: date) -> str:
    """The "YYYY-MM" of a day's month."""
    return f"{day.year:04d}-{day.month:02d}"
