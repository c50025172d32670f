"""Importing a bank's CSV (or OFX/QFX statement) into expenses: rows read,
checked, deduplicated, then created through `ExpenseService.bulk_create` (which
keeps the rollups exact).

Money out becomes an expense: negative amounts of a signed file, the debit column
of a debit/credit file, every amount of a file without negatives (an expense list).
Money in (positive amounts of a signed file, credits) is skipped and reported. A
row whose date, amount and vendor (or description) match an existing expense or an
earlier row is a duplicate and skipped, so importing a file twice adds nothing. A
row that only looks like an existing expense or subscription payment (the same
amount within a few days, the vendor as a bank writes it: "SPOTIFY P2F1A3" for
"Spotify") is a `possible_duplicate`, not created unless `confirm_duplicates`.
"""

import datetime
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from expenses.services import MAX_BULK_ITEMS, ExpenseService
from integrations import csv_layout, ofx_statement
from integrations.csv_layout import Layout, LayoutError
from integrations.models import ImportModel
from mysphere_core import duplicates
from mysphere_core.errors import InvalidInput
from mysphere_core.limits import shown
from subscriptions.services import SubscriptionService

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
NUL = "\x00"
NUL_MESSAGE = "holds a NUL byte, which is not text (save the file as UTF-8 CSV)."
INACTIVE_WORDS = ("false", "0", "no")
NEW, CREATED, DUPLICATE, POSSIBLE, SKIPPED, ERROR = (
    "new",
    "created",
    "duplicate",
    "possible_duplicate",
    "skipped",
    "error",
)
# A bank books a payment up to this many days after it was made.
BOOKING_DAYS = 3


@dataclass
class RowResult:
    """What happened (or would happen) to one line of the file."""

    row: int
    status: str
    date: datetime.date | None = None
    amount: Decimal | None = None
    currency: str = ""
    vendor: str = ""
    description: str = ""
    category: str = ""
    expense_type: str = ""
    expense_id: int | None = None
    message: str = ""
    possible_duplicate: dict[str, Any] | None = None
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def key(self) -> tuple:
        """What makes two expenses the same: day, amount, currency, who/what."""
        return dedupe_key(
            self.date, self.amount, self.currency, self.vendor or self.description
        )


@dataclass
class ImportReport:
    """The outcome of an import or a dry run."""

    dry_run: bool
    filename: str
    layout: Layout
    results: list[RowResult]
    import_id: int | None = None

    def count(self, status: str) -> int:
        """Rows with this status."""
        return sum(1 for r in self.results if r.status == status)

    def summary(self) -> dict[str, int]:
        """Rows per outcome."""
        return {
            "rows": len(self.results),
            "to_create": self.count(NEW),
            "created": self.count(CREATED),
            "duplicates": self.count(DUPLICATE),
            "possible_duplicates": self.count(POSSIBLE),
            "skipped": self.count(SKIPPED),
            "errors": self.count(ERROR),
        }


def dedupe_key(day: Any, amount: Any, currency: str, text: str) -> tuple:
    """The duplicate key of an expense."""
    cents = Decimal(amount).quantize(Decimal("0.01")) if amount is not None else None
    return (day, cents, currency.upper(), " ".join(text.lower().split()))


def read_rows(
    data: bytes, options: Mapping[str, Any], filename: str = ""
) -> tuple[Layout, list[tuple[int, list[str]]]]:
    """The layout and the (line number, cells) of every data row of a CSV, or of
    every transaction of an OFX/QFX statement; LayoutError or a 400 on `file` for
    an unreadable or too large file."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput("The file is over 5 MB.", field="file")
    if ofx_statement.is_statement(data, filename):
        layout, body = ofx_statement.read_statement(data)
        return layout, _limited(body)
    layout, rows = csv_layout.read_layout(
        csv_layout.decode(data),
        mapping=options.get("mapping"),
        date_format=options.get("date_format"),
        decimal_separator=options.get("decimal_separator"),
    )
    body = [
        (layout.header_row + offset + 1, row)
        for offset, row in enumerate(rows[layout.header_row :])
        if any(cell.strip() for cell in row)
    ]
    if any(NUL in header for header in layout.headers):
        message = f"The header row {NUL_MESSAGE}"
        raise InvalidInput(message, field="file")
    if not body:
        raise InvalidInput("The file has no rows.", field="file")
    return layout, _limited(body)


def _limited(body: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The rows, or a 400 on `file` past MAX_ROWS."""
    if len(body) > MAX_ROWS:
        raise InvalidInput(
            f"The file has {len(body)} rows; at most {MAX_ROWS}.", field="file"
        )
    return body


def _cell(layout: Layout, cells: Sequence[str], name: str) -> str:
    """The trimmed cell of a field ('' when not mapped or missing)."""
    index = layout.columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _money_out(layout: Layout, cells: Sequence[str], signed: bool) -> Decimal | None:
    """The amount spent in a row (None: money in or nothing); ValueError if
    unreadable."""
    sep = layout.decimal_separator
    if "amount" in layout.columns:
        raw = _cell(layout, cells, "amount")
        amount = csv_layout.parse_amount(raw, sep)
        if amount is None:
            raise ValueError(f"amount: '{raw}' is not a number.")
        if signed:
            return -amount if amount < 0 else None
        return amount or None
    debit, credit = _cell(layout, cells, "debit"), _cell(layout, cells, "credit")
    amount = csv_layout.parse_amount(debit, sep) if debit else None
    if debit and amount is None:
        raise ValueError(f"debit: '{debit}' is not a number.")
    if credit and csv_layout.parse_amount(credit, sep) is None:
        raise ValueError(f"credit: '{credit}' is not a number.")
    return abs(amount) if amount else None


def is_signed(layout: Layout, body: Sequence[tuple[int, list[str]]]) -> bool:
    """True when the amount column has negatives (money out is negative)."""
    if "amount" not in layout.columns:
        return False
    sep = layout.decimal_separator
    return any(
        (csv_layout.parse_amount(_cell(layout, cells, "amount"), sep) or 0) < 0
        for _, cells in body
    )


def _category(user: AbstractBaseUser, category: str, text: str) -> str:
    """One of the user's: the file's category when it is one (their own included),
    else guessed from words (their own categories first: "rent" -> Housing)."""
    return ExpenseService.resolve_category(
        user=user, value=category
    ) or ExpenseService.suggest_category(user=user, text=f"{category} {text}")


def read_row(
    layout: Layout, line: int, cells: Sequence[str], *, signed: bool, currency: str
) -> RowResult:
    """One row as a result: an expense to create, skipped money in, or an error
    (a NUL byte, which no database stores in text, is one)."""
    if any(NUL in cell for cell in cells):
        return RowResult(row=line, status=ERROR, message=f"The row {NUL_MESSAGE}")
    raw_date = _cell(layout, cells, "date")
    day = csv_layout.parse_date(raw_date, layout.date_format)
    if day is None:
        return RowResult(
            row=line,
            status=ERROR,
            message=f"date: '{shown(raw_date)}' does not match "
            f"{layout.date_format}.",
        )
    try:
        amount = _money_out(layout, cells, signed)
    except ValueError as exc:
        return RowResult(row=line, status=ERROR, date=day, message=str(exc))
    description = _cell(layout, cells, "description")
    vendor = _cell(layout, cells, "vendor") or description
    result = RowResult(
        row=line,
        status=NEW,
        date=day,
        amount=amount,
        currency=(_cell(layout, cells, "currency") or currency).upper(),
        vendor=vendor[:200],
        description=description if description != vendor else "",
    )
    if amount is None:
        result.status, result.message = SKIPPED, "Money in (or zero), not an expense."
    elif _cell(layout, cells, "is_active").lower() in INACTIVE_WORDS:
        result.status, result.message = SKIPPED, "Deleted in the exported data."
    return result


def complete(
    user: AbstractBaseUser, result: RowResult, cells: Sequence[str], layout: Layout
) -> RowResult:
    """Category and type filled in, then checked by the expense rules."""
    refund = _cell(layout, cells, "expense_type").lower() == "refund"
    result.expense_type = "refund" if refund else "expense"
    text = f"{result.vendor} {result.description}"
    result.category = _category(user, _cell(layout, cells, "category"), text)
    result.data = {
        "transaction_date": result.date,
        "amount": result.amount,
        "currency": result.currency,
        "vendor": result.vendor,
        "notes": result.description,
        "category": result.category,
        "expense_type": result.expense_type,
        "payment_method": "other",
        "raw_text": "",
    }
    try:
        ExpenseService.validate(user=user, data=result.data)
    except InvalidInput as exc:
        detail = exc.detail if isinstance(exc.detail, dict) else {"row": exc.detail}
        result.status = ERROR
        result.message = "; ".join(f"{k}: {v[0]}" for k, v in detail.items())
    return result


def existing_keys(user: AbstractBaseUser, results: Sequence[RowResult]) -> set[tuple]:
    """The duplicate keys of the user's expenses in the file's date range."""
    days = [r.date for r in results if r.status == NEW]
    if not days:
        return set()
    rows = (
        ExpenseService.queryset_for(user=user)
        .filter(transaction_date__range=(min(days), max(days)))
        .values_list("transaction_date", "amount", "currency", "vendor", "notes")
    )
    return {dedupe_key(d, a, c, v or n) for d, a, c, v, n in rows}


def mark_duplicates(results: Sequence[RowResult], known: set[tuple]) -> None:
    """Rows matching an existing expense or an earlier row become duplicates."""
    seen = set(known)
    for result in results:
        if result.status != NEW:
            continue
        key = result.key()
        if key in seen:
            result.status = DUPLICATE
            earlier = "an existing expense" if key in known else "an earlier row"
            result.message = f"Same date, amount and vendor as {earlier}."
        seen.add(key)


def known_records(
    user: AbstractBaseUser, results: Sequence[RowResult]
) -> list[duplicates.Candidate]:
    """The user's expenses and subscription payments near the new rows' dates."""
    days = [r.date for r in results if r.status == NEW and r.date]
    if not days:
        return []
    margin = datetime.timedelta(days=BOOKING_DAYS)
    start, end = min(days) - margin, max(days) + margin
    expenses = ExpenseService.queryset_for(user=user).filter(
        transaction_date__range=(start, end)
    )
    payments = SubscriptionService.payments_between(user=user, start=start, end=end)
    return [
        duplicates.Candidate(
            "expense",
            e.pk,
            e.vendor or e.notes,
            e.amount,
            e.currency,
            e.transaction_date,
        )
        for e in expenses
    ] + [
        duplicates.Candidate(
            "subscription_payment",
            p.pk,
            p.subscription.name,
            p.amount,
            p.currency,
            p.payment_date,
        )
        for p in payments
    ]


def mark_possible_duplicates(
    user: AbstractBaseUser, results: Sequence[RowResult]
) -> None:
    """New rows that look like an existing expense or subscription payment."""
    known = known_records(user, results)
    for result in results:
        if result.status != NEW:
            continue
        row = duplicates.Candidate(
            "bank",
            result.row,
            result.vendor,
            result.amount,
            result.currency,
            result.date,
        )
        match = duplicates.find_match(row, known, days=BOOKING_DAYS)
        if match:
            result.status, result.possible_duplicate = POSSIBLE, match.as_match()
            result.message = (
                f"Looks like the {match.kind.replace('_', ' ')} '{match.name}' of "
                f"{match.day}; send confirm_duplicates to import it anyway."
            )


def check_duplicates(
    user: AbstractBaseUser, results: Sequence[RowResult], confirmed: bool
) -> None:
    """Exact duplicates marked, then (unless `confirmed`) possible ones."""
    mark_duplicates(results, existing_keys(user, results))
    if not confirmed:
        mark_possible_duplicates(user, results)


def evaluate(
    user: AbstractBaseUser,
    layout: Layout,
    body: Sequence[tuple[int, list[str]]],
    currency: str,
) -> list[RowResult]:
    """Every row read, completed and checked (duplicates not yet marked)."""
    signed = is_signed(layout, body)
    results = []
    for line, cells in body:
        result = read_row(layout, line, cells, signed=signed, currency=currency)
        if result.status == NEW:
            result = complete(user, result, cells, layout)
        results.append(result)
    return results


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def commit(
    user: AbstractBaseUser, report: ImportReport, digest: str, confirmed: bool
) -> ImportReport:
    """Create the new rows atomically, one import at a time per user (the user's
    row is locked, so a concurrent import sees these as duplicates)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        check_duplicates(user, report.results, confirmed)
        new = [r for r in report.results if r.status == NEW]
        for chunk in batches(new, MAX_BULK_ITEMS):
            created = ExpenseService.bulk_create(
                user=user, items=[r.data for r in chunk]
            )
            for result, expense in zip(chunk, created, strict=True):
                result.status, result.expense_id = CREATED, expense.pk
        summary = report.summary()
        record = ImportModel.objects.create(
            user=user,
            filename=report.filename[:255],
            file_sha256=digest,
            rows=summary["rows"],
            created=summary["created"],
            duplicates=summary["duplicates"],
            skipped=summary["skipped"],
            errors=summary["errors"],
            expense_ids=[r.expense_id for r in new],
            settings_used={
                "mapping": report.layout.mapping(),
                "date_format": report.layout.date_format,
                "decimal_separator": report.layout.decimal_separator,
            },
        )
    report.import_id = record.pk
    return report


def import_expenses(
    *, user: AbstractBaseUser, data: bytes, filename: str, options: Mapping[str, Any]
) -> ImportReport:
    """Read, check and deduplicate a CSV; create its new expenses unless dry run."""
    try:
        layout, body = read_rows(data, options, filename)
    except LayoutError as exc:
        raise InvalidInput(errors={exc.field: [str(exc)]})
    results = evaluate(user, layout, body, options["currency"])
    report = ImportReport(
        dry_run=options["dry_run"], filename=filename, layout=layout, results=results
    )
    confirmed = bool(options.get("confirm_duplicates"))
    if report.dry_run:
        check_duplicates(user, results, confirmed)
        return report
    return commit(user, report, hashlib.sha256(data).hexdigest(), confirmed)


def report_data(report: ImportReport) -> dict[str, Any]:
    """The report as the API shows it: summary, how the file was read, rows."""
    layout = report.layout
    return {
        "dry_run": report.dry_run,
        "import_id": report.import_id,
        "filename": report.filename,
        "summary": report.summary(),
        "detected": {
            "delimiter": layout.delimiter,
            "header_row": layout.header_row,
            "mapping": layout.mapping(),
            "date_format": layout.date_format,
            "decimal_separator": layout.decimal_separator,
        },
        "results": [
            {k: v for k, v in asdict(r).items() if k != "data"} for r in report.results
        ],
    }


def undo(user: AbstractBaseUser, record: ImportModel) -> int:
    """Delete the expenses an import created that are still there (nothing else)
    and the import from the history; how many expenses were deleted."""
    with transaction.atomic():
        removed = ExpenseService.delete_many(user=user, expense_ids=record.expense_ids)
        record.soft_delete()
    return removed
