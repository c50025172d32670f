"""Bounds every feature shares: the days a record may be on, valid row ids, and how
much of a bad value a message quotes back."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_RANGE_MESSAGE = "Use a date between 1900 and 2999."
MAX_PK = 2**63 - 1  # the largest BIGINT
SHOWN_PREFIX = 20  # characters of a bad value quoted back in a message


def shown(value: Any) -> str:
    """At most SHOWN_PREFIX characters of a bad value, for a message."""
    text = str(value)
    return text if len(text) <= SHOWN_PREFIX else text[:SHOWN_PREFIX] + "…"


def validate_bounded_date(value: date | None) -> None:
    """Dates lie between 1900-01-01 and 2999-12-31."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_out_of_range")


def parse_pk(value: Any) -> int | None:
    """The integer id in `value` when it can be a row id (1 .. 2**63-1), else None."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_PK else None
