"""CSV export of the expenses feature: the filtered list, streamed line by line."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo

from django.db.models import QuerySet

from mysphere_core.csvfiles import CSVWriter
from mysphere_core.money import money_text

CSV_COLUMNS = (
    ("expense_id", "expense_id"),
    ("transaction_date", "date"),
    ("amount", "amount"),
    ("currency", "currency"),
    ("category", "category"),
    ("vendor", "vendor"),
    ("payment_method", "payment_method"),
    ("expense_type", "expense_type"),
    ("notes", "notes"),
    ("raw_text", "original_text"),
    ("created_at", "created_at"),
)
CSV_CHUNK = 2000
AMOUNT = 2  # its column, followed by the currency's: written in its minor units


@dataclass(frozen=True)
class CSVExport:
    """A download: its file name and its lines (read lazily)."""

    filename: str
    lines: Iterator[str]


class _LineBuffer:
    """A write-only file for csv.writer that hands back what was written."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        """Keep the text until `pop`."""
        self._parts.append(text)

    def pop(self) -> str:
        """Everything written since the last pop."""
        text = "".join(self._parts)
        self._parts.clear()
        return text


def csv_lines(expenses: QuerySet, zone: tzinfo) -> Iterator[str]:
    """UTF-8 BOM and header, then one line per expense, read in chunks."""
    buffer = _LineBuffer()
    writer = CSVWriter(buffer, zone)
    writer.writerow([title for _, title in CSV_COLUMNS])
    yield "\ufeff" + buffer.pop()
    rows = expenses.values_list(*(field for field, _ in CSV_COLUMNS)).iterator(
        chunk_size=CSV_CHUNK
    )
    for row in rows:
        amount, currency = row[AMOUNT], row[AMOUNT + 1]
        writer.writerow(
            (*row[:AMOUNT], money_text(amount, currency), *row[AMOUNT + 1 :])
        )
        yield buffer.pop()
