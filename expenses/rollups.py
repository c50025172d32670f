"""Spending rollups: per user, month (and per day), currency and category (and per
named vendor) the signed total, the count and the refunds of the active expenses, in
whole thousandths of the currency (every minor unit is a whole number of them; exact
on every database: SQLite would add decimals as floating-point numbers). The monthly
tables serve whole months; the daily ones the days at a range's edges.

Every expense write of `ExpenseService` calls `record(before=..., after=...)` inside
its own transaction: the rollups move by what the rows contributed after the write
minus what they contributed before it (read under a row lock), as conditional
one `INSERT ... ON CONFLICT (key) DO UPDATE SET total_mills = total_mills + x`
statement per rollup table for all the rows a write moves (a missing row is
inserted, atomically: concurrent writers cannot clash; on PostgreSQL the four
tables' statements go as one, three of them as data-modifying `WITH`s). Rows whose
count falls to 0 stay, at zero; readers skip them.
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
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
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


class Table(NamedTuple):
    """A rollup table: its model, period ("month" or "day"), name field and sums."""

    model: type[models.Model]
    period: str
    name: str
    sums: tuple[str, ...]

    @property
    def daily(self) -> bool:
        """Whether its rows are per day."""
        return self.period == "day"


# In write order (on PostgreSQL the last is the statement, the others its WITHs).
TABLES = (
    Table(MonthlySpendingSummaryModel, "month", "category", CATEGORY_SUMS),
    Table(MonthlyVendorSpendingModel, "month", "vendor", VENDOR_SUMS),
    Table(DailySpendingSummaryModel, "day", "category", CATEGORY_SUMS),
    Table(DailyVendorSpendingModel, "day", "vendor", VENDOR_SUMS),
)


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
    """Changes per rollup row, summed before anything is written: one dict per
    table of `TABLES`, key -> [total, count, refunds] in thousandths (a table
    without refunds writes the first two)."""

    def __init__(self) -> None:
        self.tables: list[dict[tuple, list[int]]] = [
            defaultdict(lambda: [0, 0, 0]) for _ in TABLES
        ]

    def add(self, state: State, sign: int) -> None:
        """Count one expense in (`sign` 1) or out (-1); inactive ones count nothing."""
        if not state.is_active:
            return
        amount = mills(Decimal(state.amount))
        refund = state.expense_type == REFUND
        signed = -amount if refund else amount - mills(Decimal(state.shared_amount))
        sums = (sign * signed, sign, sign * amount if refund else 0)
        periods = (month_start(state.transaction_date), state.transaction_date)
        for index, table in enumerate(TABLES):
            name = getattr(state, table.name)
            if name:  # every expense has a category; only named vendors count
                key = (state.user_id, periods[table.daily], state.currency, name)
                row = self.tables[index][key]
                for at in range(len(row)):
                    row[at] += sums[at]

    def write(self) -> None:
        """Apply every non-null change (`statements`)."""
        with connection.cursor() as cursor:
            for sql, params in self.statements():
                cursor.execute(sql, params)

    def statements(self) -> list[tuple[str, list[Any]]]:
        """Every non-null change as statements: one per rollup table (one for all
        on PostgreSQL: the others as data-modifying WITHs of the last), rows in key
        order (no lock-order deadlock)."""
        statements = []
        for table, changes in zip(TABLES, self.tables, strict=True):
            size = len(table.sums)
            rows = [
                (*_row_key(key), *sums[:size])
                for key, sums in sorted(changes.items())
                if any(sums[:size])
            ]
            statements.append(_upserts(table, rows))
        return _one_round_trip(statements)


def _one_round_trip(
    per_table: list[list[tuple[str, list[Any]]]],
) -> list[tuple[str, list[Any]]]:
    """The tables' statements in order; on PostgreSQL, when no table needs more
    than one, as a single statement: the others as data-modifying WITHs of the last
    (every part runs to completion)."""
    statements = [statement for table in per_table for statement in table]
    single = all(len(table) <= 1 for table in per_table)
    if connection.vendor != "postgresql" or not single or len(statements) < 2:
        return statements
    *parts, (sql, params) = statements
    heads = ", ".join(f"t{n} AS ({part})" for n, (part, _) in enumerate(parts))
    joined = [value for _, values in parts for value in values]
    return [(f"WITH {heads} {sql}", joined + params)]


def _row_key(key: tuple) -> tuple:
    """A rollup row's unique key as statement parameters (the month adapted)."""
    user_id, month, currency, name = key
    return user_id, connection.ops.adapt_datefield_value(month), currency, name


def _upserts(table: "Table", rows: list[tuple]) -> list[tuple[str, list[Any]]]:
    """Statements that add each row's sums to the stored row with its key, inserted
    when missing: `INSERT ... ON CONFLICT (key) DO UPDATE SET x = x + excluded.x`
    (SQLite and PostgreSQL), atomic per row, so concurrent writers of a new row
    cannot clash; one per `UPSERT_BATCH` rows. Table and column names come from the
    model; every value is a bound parameter."""
    quote = connection.ops.quote_name
    model, sums = table.model, table.sums
    name = quote(model._meta.db_table)
    fields = ("user", table.period, "currency", table.name)
    key = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    columns = ", ".join([key, *(quote(c) for c in sums)])
    added = ", ".join(
        f"{quote(c)} = {name}.{quote(c)} + excluded.{quote(c)}" for c in sums
    )
    one_row = "(" + ", ".join(["%s"] * (len(fields) + len(sums))) + ")"
    statements = []
    for start in range(0, len(rows), UPSERT_BATCH):
        batch = rows[start : start + UPSERT_BATCH]
        values = ", ".join([one_row] * len(batch))
        sql = f"INSERT INTO {name} ({columns}) VALUES {values} "  # noqa: S608
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


def rebuild(user: AbstractBaseUser) -> tuple[int, ...]:
    """Recompute the user's rollups from their active expenses, atomically; returns
    the rows written per table of `TABLES` (monthly category and vendor, daily
    category and vendor)."""
    with transaction.atomic():
        _lock_rollups()
        written = []
        for table in TABLES:
            table.model.objects.filter(user=user).delete()
            rows = table.model.objects.bulk_create(
                _rebuilt(user, table), batch_size=500
            )
            written.append(len(rows))
    return tuple(written)


def _rebuilt(user: AbstractBaseUser, table: Table) -> list[models.Model]:
    """The table's rows for the user, aggregated from their active expenses."""
    raw = ExpenseModel.objects.filter(user=user, is_active=True).order_by()
    if table.name == "vendor":
        raw = raw.exclude(vendor="")
    period = TruncMonth("transaction_date") if table.period == "month" else None
    grouped = raw.values(
        "currency", table.name, **{table.period: period or F("transaction_date")}
    )
    sums: dict[str, Any] = {"sum_total": Sum(SIGNED_AMOUNT), "sum_count": Count("pk")}
    if "refund_mills" in table.sums:
        sums["sum_refunds"] = Sum("amount", filter=Q(expense_type=REFUND))
    return [
        table.model(
            user=user,
            currency=row["currency"],
            total_mills=mills(row["sum_total"]),
            item_count=row["sum_count"],
            **{field: row[field] for field in (table.period, table.name)},
            **(
                {"refund_mills": mills(row["sum_refunds"] or ZERO)}
                if "sum_refunds" in row
                else {}
            ),
        )
        for row in grouped.annotate(**sums)
    ]


def _lock_rollups() -> None:
    """PostgreSQL: hold every rollup writer off until this transaction ends, so the
    raw rows read next are all those committed (SQLite: one writer at a time)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(table.model._meta.db_table for table in TABLES)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
