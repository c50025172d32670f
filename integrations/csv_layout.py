"""Reading a bank's CSV: encoding, delimiter, header row, column mapping, date
format and decimal separator, each detected when not given.

Nothing here knows about expenses: `importing.py` turns the rows this reads into
expense data.
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

FIELDS = (
    "date",
    "amount",
    "debit",
    "credit",
    "description",
    "vendor",
    "category",
    "currency",
    "expense_type",
    "is_active",
)
# Common header names per field, most specific first (lower case, trimmed).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "transaction date",
        "booking date",
        "buchung",
        "buchungstag",
        "buchungsdatum",
        "posting date",
        "posted date",
        "completed date",
        "started date",
        "datum",
        "value date",
        "valuta",
        "valutadatum",
        "wertstellung",
    ),
    "amount": ("amount", "betrag", "value", "sum"),
    "debit": (
        "debit",
        "debit amount",
        "withdrawal",
        "withdrawals",
        "money out",
        "paid out",
        "soll",
        "outflow",
    ),
    "credit": (
        "credit",
        "credit amount",
        "deposit",
        "deposits",
        "money in",
        "paid in",
        "haben",
        "inflow",
    ),
    "description": (
        "description",
        "transaction description",
        "memo",
        "details",
        "narrative",
        "verwendungszweck",
        "reference",
        "notes",
        "text",
        "buchungstext",
    ),
    "vendor": (
        "vendor",
        "merchant",
        "payee",
        "auftraggeber/empfänger",
        "beguenstigter/zahlungspflichtiger",
        "zahlungsempfänger*in",
        "empfänger",
        "beneficiary",
        "counterparty",
        "name",
    ),
    "category": ("category", "kategorie"),
    "currency": ("currency", "währung", "waehrung", "ccy"),
    "expense_type": ("expense_type",),
    "is_active": ("is_active",),
}
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%Y%m%d",
    "%d %b %Y",
    "%b %d, %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)
DATE_TOKENS = (("yyyy", "%Y"), ("yy", "%y"), ("mm", "%m"), ("dd", "%d"))
HEADER_SCAN_ROWS = 30
DELIMITERS = (",", ";", "\t", "|")
COMMA_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}|\d+,\d{1,2}")
DOT_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{1,2}|\d+\.\d{1,2}")


class LayoutError(ValueError):
    """The file cannot be read as a CSV of transactions (says which form field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Layout:
    """How a file is read: which column holds each field, and the value formats."""

    delimiter: str
    header_row: int  # 1-based line number of the header
    columns: dict[str, int]  # field -> column index
    headers: tuple[str, ...]
    date_format: str
    decimal_separator: str

    def mapping(self) -> dict[str, str]:
        """field -> column name, as the API shows it."""
        return {field: self.headers[i] for field, i in self.columns.items()}


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (many banks' exports)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def split_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every row of the text, cut at `delimiter`; a LayoutError on `file` when it
    is not CSV (a field over the csv module's limit). Line breaks inside quoted
    fields are CSV's own."""
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise LayoutError("file", f"The file is not a readable CSV: {exc}.") from exc


def _normal(header: str) -> str:
    """A header name as compared: lower case, without a parenthesised unit
    ("Betrag (€)", "Amount (GBP)") and without spaces or punctuation
    ("Counter Party" = "counterparty", "transaction_date" = "transaction date")."""
    without_unit = re.sub(r"\(.*?\)", "", header.lower())
    return re.sub(r"[\W_]+", "", without_unit)


def _auto_columns(headers: Sequence[str]) -> dict[str, int]:
    """field -> the first column whose name is a synonym (synonyms in order)."""
    names = [_normal(h) for h in headers]
    columns: dict[str, int] = {}
    for field, synonyms in SYNONYMS.items():
        for synonym in map(_normal, synonyms):
            if synonym in names and names.index(synonym) not in columns.values():
                columns[field] = names.index(synonym)
                break
    return columns


def _mapped_columns(
    headers: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, int]:
    """field -> column index for a mapping of field -> column name."""
    names = [_normal(h) for h in headers]
    columns = {}
    for field, column in mapping.items():
        if _normal(column) not in names:
            raise LayoutError(
                "mapping",
                f"The file has no column '{column}' (for {field}). Its columns: "
                f"{', '.join(h for h in headers if h)}.",
            )
        columns[field] = names.index(_normal(column))
    return columns


def _usable(columns: Mapping[str, int]) -> bool:
    """A date and an amount (or a debit or credit column)."""
    has_amount = any(f in columns for f in ("amount", "debit", "credit"))
    return "date" in columns and has_amount


def find_header(
    rows: Sequence[Sequence[str]], mapping: Mapping[str, str] | None
) -> tuple[int, dict[str, int]]:
    """The header row's index (skipping a bank's preamble lines) and its columns."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if mapping:
            try:
                return index, _mapped_columns(row, mapping)
            except LayoutError:
                continue
        columns = _auto_columns(row)
        if _usable(columns):
            return index, columns
    if mapping:
        _mapped_columns(rows[0] if rows else [], mapping)  # raises, naming a column
    raise LayoutError(
        "mapping",
        "No header row with a date and an amount column was found: give a mapping "
        'such as {"date": "Date", "amount": "Amount", "description": "Description"}.',
    )


def strftime_format(value: str) -> str:
    """A date format as strftime ('%d.%m.%Y') from either that or 'dd.mm.yyyy'."""
    if "%" in value:
        return value
    result = value.lower()
    for token, directive in DATE_TOKENS:
        result = result.replace(token, directive)
    return result


def parse_date(value: str, date_format: str) -> date | None:
    """The date in `value` read with `date_format` (None when it does not fit)."""
    try:
        return datetime.strptime(value.strip(), date_format).date()
    except ValueError:
        return None


def detect_date_format(values: Iterable[str]) -> str:
    """The format that reads the most of `values` (the first one on a tie)."""
    sample = [v for v in values if v.strip()][:500]
    best, best_count = DATE_FORMATS[0], -1
    for date_format in DATE_FORMATS:
        count = sum(1 for v in sample if parse_date(v, date_format))
        if count > best_count:
            best, best_count = date_format, count
    return best


# '1e5', '2.5E-3': not a bank's amount (its digits alone would read as another number)
SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
MAX_AMOUNT_DIGITS = 12  # beyond any expense (the expense rules refuse large ones)


def _bare(value: str) -> str:
    """The digits and separators of an amount (no sign, currency or spaces)."""
    return re.sub(r"[^\d.,]", "", value)


def detect_decimal_separator(values: Iterable[str]) -> str:
    """',' when most unambiguous amounts use a decimal comma, else '.'."""
    comma = dot = 0
    for value in values:
        bare = _bare(value)
        if COMMA_AMOUNT.fullmatch(bare):
            comma += 1
        elif DOT_AMOUNT.fullmatch(bare):
            dot += 1
    return "," if comma > dot else "."


def parse_amount(value: str, decimal_separator: str) -> Decimal | None:
    """A signed Decimal from a bank amount ('-1.234,50', '(12.00)', '12.50-',
    '$ 1,200.00'); None when empty, unreadable, in scientific notation or over
    MAX_AMOUNT_DIGITS digits before the decimal separator."""
    text = value.strip()
    if not text or SCIENTIFIC.search(text):
        return None
    negative = text.startswith("-") or text.endswith("-") or text.startswith("(")
    bare = _bare(text)
    thousands = "." if decimal_separator == "," else ","
    bare = bare.replace(thousands, "").replace(decimal_separator, ".")
    if not re.fullmatch(rf"\d{{1,{MAX_AMOUNT_DIGITS}}}(?:\.\d+)?", bare):
        return None
    try:
        amount = Decimal(bare)
    except InvalidOperation:
        return None
    return -amount if negative else amount


def _best_split(
    text: str, mapping: Mapping[str, str] | None
) -> tuple[str, list[list[str]], int, dict[str, int]]:
    """The delimiter whose header row (found as `find_header` finds it) has the
    most columns, with the rows, the header's index and its columns."""
    found = []
    error = None
    for delimiter in DELIMITERS:
        try:  # a file that is CSV with one delimiter may be unreadable with another
            rows = split_rows(text, delimiter)
            index, columns = find_header(rows, mapping)
        except LayoutError as exc:
            error = error or exc
            continue
        found.append((len(rows[index]), delimiter, rows, index, columns))
    if not found:
        raise error
    _, delimiter, rows, index, columns = max(found, key=lambda f: f[0])
    return delimiter, rows, index, columns


def read_layout(
    text: str,
    *,
    mapping: Mapping[str, str] | None,
    date_format: str | None,
    decimal_separator: str | None,
) -> tuple[Layout, list[list[str]]]:
    """The layout of the text (header, columns, formats given or detected) and its
    rows."""
    delimiter, rows, header_index, columns = _best_split(text, mapping)
    if not _usable(columns):
        raise LayoutError(
            "mapping",
            "Map a date column and an amount column (or debit/credit columns).",
        )
    body = rows[header_index + 1 :]

    def column(field: str) -> list[str]:
        i = columns.get(field)
        return [r[i] for r in body if i is not None and i < len(r)]

    amounts = column("amount") + column("debit") + column("credit")
    layout = Layout(
        delimiter=delimiter,
        header_row=header_index + 1,
        columns=columns,
        headers=tuple(rows[header_index]),
        date_format=(
            strftime_format(date_format)
            if date_format
            else detect_date_format(column("date"))
        ),
        decimal_separator=decimal_separator or detect_decimal_separator(amounts),
    )
    return layout, rows
