"""Monthly spending rollups: per user, month, currency and category (and per named
vendor) the signed total, the count and the refunds of the active expenses, in whole
thousandths of the currency (every minor unit is a whole number of them; exact on
every database: SQLite would add decimals as floating-point numbers).

Every expense write of `ExpenseService` calls `record(before=..., after=...)` inside
its own transaction: the rollups move by what the rows contributed after the write
minus what they contributed before it (read under a row lock), as conditional
one `INSERT ... ON CONFLICT (key) DO UPDATE SET total_mills = total_mills + x`
statement per rollup table for all the rows a write moves (a missing row is
inserted, atomically: concurrent writers cannot clash; on PostgreSQL both tables'
statements go as one, the vendor one in a `WITH`). Rows whose count falls to 0
stay, at zero; readers skip them.
`rebuild(user)` recomputes a user's rollups from the raw rows (`manage.py
rebuild_rollups`).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, models, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from expenses.models import (
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from mysphere_core.dates import month_start
from mysphere_core.money import CENT, MILL, to_cents

REFUND = ExpenseModel.ExpenseType.REFUND
ZERO = Decimal("0.00")
# Refunds count against spending, and of a split bill only the user's share counts
# (the rest is lending): every sum is of this signed amount.
SIGNED_AMOUNT = models.Case(
    models.When(expense_type=REFUND, then=-F("amount")),
    default=F("amount") - F("shared_amount"),
    output_field=models.DecimalField(max_digits=14, decimal_places=2),
)
UPSERT_BATCH = 500  # rows per statement (7 parameters each)
CATEGORY_SUMS = ("total_mills", "item_count", "refund_mills")
VENDOR_SUMS = ("total_mills", "item_count")


class State(NamedTuple):
    """What an expense contributes to the rollups."""

    user_id: int
    transaction_date: date
    currency: str
    category: str
    vendor: str
    expense_type: str
    amount: Decimal
    is_active: bool
    shared_amount: Decimal


STATE_FIELDS = State._fields


def mills(amount: Decimal) -> int:
    """A money amount as whole thousandths (the finest minor unit: KWD's fils)."""
    return int(Decimal(amount).quantize(MILL) * 1000)


def from_mills(value: int) -> Decimal:
    """Whole thousandths as a money amount: two places unless it has a third."""
    amount = Decimal(value).scaleb(-3)
    return amount.quantize(CENT) if amount == to_cents(amount) else amount


def state_of(expense: ExpenseModel) -> State:
    """The rollup-relevant fields of an expense as it is in memory."""
    return State(*(getattr(expense, field) for field in STATE_FIELDS))


def locked_states(expense_ids: Iterable[int]) -> list[State]:
    """The stored states of these expenses, their rows locked (PostgreSQL) until the
    transaction ends, so that concurrent writes of one expense queue up."""
    rows = (
        ExpenseModel.objects.select_for_update()
        .filter(pk__in=list(expense_ids))
        .order_by("pk")
        .values_list(*STATE_FIELDS)
    )
    return [State(*row) for row in rows]


class _Deltas:
    """Changes per rollup row, summed before anything is written."""

    def __init__(self) -> None:
        # key -> [total, count, refunds] and [total, count], in thousandths
        self.categories: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.vendors: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, state: State, sign: int) -> None:
        """Count one expense in (`sign` 1) or out (-1); inactive ones count nothing."""
        if not state.is_active:
            return
        amount = mills(Decimal(state.amount))
        refund = state.expense_type == REFUND
        signed = -amount if refund else amount - mills(Decimal(state.shared_amount))
        month = month_start(state.transaction_date)
        head = (state.user_id, month, state.currency)
        category = self.categories[(*head, state.category)]
        category[0] += sign * signed
        category[1] += sign
        category[2] += sign * amount if refund else 0
        if state.vendor:
            vendor = self.vendors[(*head, state.vendor)]
            vendor[0] += sign * signed
            vendor[1] += sign

    def write(self) -> None:
        """Apply every non-null change (`statements`)."""
        with connection.cursor() as cursor:
            for sql, params in self.statements():
                cursor.execute(sql, params)

    def statements(self) -> list[tuple[str, list[Any]]]:
        """Every non-null change as statements: one per rollup table (one for both
        on PostgreSQL: categories, then vendors), rows in key order (no lock-order
        deadlock)."""
        categories = [
            (*_row_key(key), total, count, refunds)
            for key, (total, count, refunds) in sorted(self.categories.items())
            if total or count or refunds
        ]
        vendors = [
            (*_row_key(key), total, count)
            for key, (total, count) in sorted(self.vendors.items())
            if total or count
        ]
        statements = _upserts(
            MonthlySpendingSummaryModel, "category", CATEGORY_SUMS, categories
        )
        by_vendor = _upserts(MonthlyVendorSpendingModel, "vendor", VENDOR_SUMS, vendors)
        if connection.vendor == "postgresql" and len(statements) == len(by_vendor) == 1:
            # One round trip instead of two: the vendor upsert as a data-modifying
            # WITH of the category upsert (both always run to completion).
            (sql, params), (vendor_sql, vendor_params) = statements[0], by_vendor[0]
            statements = [
                (f"WITH vendors AS ({vendor_sql}) {sql}", vendor_params + params)
            ]
        else:
            statements += by_vendor
        return statements


def _row_key(key: tuple) -> tuple:
    """A rollup row's unique key as statement parameters (the month adapted)."""
    user_id, month, currency, name = key
    return user_id, connection.ops.adapt_datefield_value(month), currency, name


def _upserts(
    model: type[models.Model], name: str, sums: tuple[str, ...], rows: list[tuple]
) -> list[tuple[str, list[Any]]]:
    """Statements that add each row's sums to the stored row with its key, inserted
    when missing: `INSERT ... ON CONFLICT (key) DO UPDATE SET x = x + excluded.x`
    (SQLite and PostgreSQL), atomic per row, so concurrent writers of a new row
    cannot clash; one per `UPSERT_BATCH` rows. Table and column names come from the
    model; every value is a bound parameter."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = ("user", "month", "currency", name)
    key = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    columns = ", ".join([key, *(quote(c) for c in sums)])
    added = ", ".join(
        f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in sums
    )
    one_row = "(" + ", ".join(["%s"] * (len(fields) + len(sums))) + ")"
    statements = []
    for start in range(0, len(rows), UPSERT_BATCH):
        batch = rows[start : start + UPSERT_BATCH]
        values = ", ".join([one_row] * len(batch))
        sql = f"INSERT INTO {table} ({columns}) VALUES {values} "  # noqa: S608
        sql += f"ON CONFLICT ({key}) DO UPDATE SET {added}"
        statements.append((sql, [value for row in batch for value in row]))
    return statements


def record(*, before: Iterable[State] = (), after: Iterable[State] = ()) -> None:
    """Move the rollups from what `before` contributed to what `after` does (call it
    inside the write's transaction)."""
    _deltas(before, after).write()


def statements(
    *, before: Iterable[State] = (), after: Iterable[State] = ()
) -> list[tuple[str, list[Any]]]:
    """The statements `record` would execute, for a writer that sends them in one
    round trip with its own (atomically: see `ExpenseService.create`)."""
    return _deltas(before, after).statements()


def _deltas(before: Iterable[State], after: Iterable[State]) -> _Deltas:
    """The changes from what `before` contributed to what `after` does."""
    deltas = _Deltas()
    for state in before:
        deltas.add(state, -1)
    for state in after:
        deltas.add(state, 1)
    return deltas


def rebuild(user: AbstractBaseUser) -> tuple[int, int]:
    """Recompute the user's rollups from their active expenses, atomically; returns
    the (category, vendor) row counts written."""
    raw = (
        ExpenseModel.objects.filter(user=user, is_active=True)
        .order_by()
        .annotate(month=TruncMonth("transaction_date"))
    )
    categories = raw.values("month", "currency", "category").annotate(
        sum_total=Sum(SIGNED_AMOUNT),
        sum_count=Count("pk"),
        sum_refunds=Sum("amount", filter=Q(expense_type=REFUND)),
    )
    vendors = (
        raw.exclude(vendor="")
        .values("month", "currency", "vendor")
        .annotate(sum_total=Sum(SIGNED_AMOUNT), sum_count=Count("pk"))
    )
    with transaction.atomic():
        _lock_rollups()
        MonthlySpendingSummaryModel.objects.filter(user=user).delete()
        MonthlyVendorSpendingModel.objects.filter(user=user).delete()
        written = MonthlySpendingSummaryModel.objects.bulk_create(
            [_summary_row(user, row) for row in categories], batch_size=500
        )
        vendor_rows = MonthlyVendorSpendingModel.objects.bulk_create(
            [
                MonthlyVendorSpendingModel(
                    user=user,
                    month=row["month"],
                    currency=row["currency"],
                    vendor=row["vendor"],
                    total_mills=mills(row["sum_total"]),
                    item_count=row["sum_count"],
                )
                for row in vendors
            ],
            batch_size=500,
        )
    return len(written), len(vendor_rows)


def _lock_rollups() -> None:
    """PostgreSQL: hold every rollup writer off until this transaction ends, so the
    raw rows read next are all those committed (SQLite: one writer at a time)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            model._meta.db_table
            for model in (MonthlySpendingSummaryModel, MonthlyVendorSpendingModel)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def _summary_row(
    user: AbstractBaseUser, row: dict[str, Any]
) -> MonthlySpendingSummaryModel:
    """A category rollup row from an aggregate row of raw expenses."""
    return MonthlySpendingSummaryModel(
        user=user,
        month=row["month"],
        currency=row["currency"],
        category=row["category"],
        total_mills=mills(row["sum_total"]),
        item_count=row["sum_count"],
        refund_mills=mills(row["sum_refunds"] or ZERO),
    )
