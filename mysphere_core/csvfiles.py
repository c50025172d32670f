"""The one CSV writer of every export: cells a spreadsheet cannot run.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (`=HYPERLINK(...)` in a todo title would be a live link in the
owner's spreadsheet). Every text cell starting so gets a leading `'`, unless it is a
plain number ("-5.00"); dates are ISO, date-times the local "YYYY-MM-DD HH:MM:SS",
decimals plain.
"""

import csv
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import IO, Any

from mysphere_core.textparse import plain_number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, zone: tzinfo = UTC) -> Any:
    """One value as a CSV cell (see the module docstring)."""
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and plain_number(value) is None
    ):
        return "'" + value
    return value


class CSVWriter:
    """`csv.writer` whose every cell goes through `cell`."""

    def __init__(self, out: IO[str] | Any, zone: tzinfo = UTC) -> None:
        self._writer = csv.writer(out)
        self._zone = zone

    def writerow(self, values: Iterable[Any]) -> None:
        """Write one row of safe cells."""
        self._writer.writerow([cell(value, self._zone) for value in values])
