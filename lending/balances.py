"""Balances: per currency (the summary) and per person and currency (counterparties).

Sums are taken in Python over one `values()` read each, in Decimal: exact to the
cent on every database, and never across currencies.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Q

from lending.models import OPEN_STATUSES, Direction, LendingModel, RepaymentModel
from lending.records import live
from mysphere_core.dates import month_start

ZERO = Decimal("0.00")
ROW_FIELDS = (
    "lending_id",
    "counterparty_key",
    "counterparty_name",
    "currency",
    "direction",
    "amount",
    "repaid_amount",
    "status",
    "lent_date",
    "due_date",
    "description",
)


@dataclass
class Row:
    """One record as the balances read it."""

    lending_id: int
    counterparty_key: str
    counterparty_name: str
    currency: str
    direction: str
    amount: Decimal
    repaid_amount: Decimal
    status: str
    lent_date: date
    due_date: date | None
    description: str
    last_repaid: date | None = None

    @property
    def is_open(self) -> bool:
        """Outstanding or partially repaid."""
        return self.status in OPEN_STATUSES

    @property
    def outstanding(self) -> Decimal:
        """What is still owed (0 once closed)."""
        return self.amount - self.repaid_amount if self.is_open else ZERO

    @property
    def signed(self) -> Decimal:
        """Outstanding seen from the user: positive when they owe the user."""
        return (
            self.outstanding if self.direction == Direction.LENT else -self.outstanding
        )

    def overdue_on(self, today: date) -> bool:
        """Open and past its due date on the user's `today`."""
        return self.is_open and self.due_date is not None and self.due_date < today


def rows_of(user: AbstractBaseUser, *, open_only: bool = False) -> list[Row]:
    """The user's live records as rows, each with its last repayment's date."""
    records = live(user)
    if open_only:
        records = records.filter(status__in=OPEN_STATUSES)
    values = records.annotate(
        last_repaid=Max("repayments__date", filter=Q(repayments__is_active=True))
    ).values(*ROW_FIELDS, "last_repaid")
    return [Row(**value) for value in values.order_by("lent_date", "lending_id")]


# --- summary ------------------------------------------------------------------------


def _repaid_in_month(
    user: AbstractBaseUser, today: date
) -> dict[tuple[str, str], Decimal]:
    """(currency, direction) -> sum of live repayments dated this month."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    repayments = RepaymentModel.objects.filter(
        lending__user=user,
        lending__is_active=True,
        is_active=True,
        date__gte=month_start(today),
        date__lte=today,
    ).values_list("lending__currency", "lending__direction", "amount")
    for currency, direction, amount in repayments:
        sums[currency, direction] += amount
    return sums


def summary(
    user: AbstractBaseUser, today: date, rows: list[Row] | None = None
) -> list[dict[str, Any]]:
    """Per currency: lent and borrowed outstanding, net, overdue, repaid this month
    (from `rows`, all the user's records, when the caller has read them already)."""
    table: dict[str, dict[str, Any]] = {}
    if rows is None:
        rows = rows_of(user, open_only=True)

    def entry(currency: str) -> dict[str, Any]:
        """The currency's line, started at zero."""
        return table.setdefault(
            currency,
            {
                "currency": currency,
                "lent_outstanding": ZERO,
                "borrowed_outstanding": ZERO,
                "overdue_amount": ZERO,
                "overdue_count": 0,
                "overdue_borrowed_amount": ZERO,
                "overdue_borrowed_count": 0,
                "repaid_this_month": ZERO,
                "repaid_by_you_this_month": ZERO,
                "open_items": 0,
            },
        )

    for row in rows:
        if row.status not in OPEN_STATUSES:
            continue
        item = entry(row.currency)
        lent = row.direction == Direction.LENT
        item["open_items"] += 1
        item["lent_outstanding" if lent else "borrowed_outstanding"] += row.outstanding
        if row.overdue_on(today):
            prefix = "overdue" if lent else "overdue_borrowed"
            item[f"{prefix}_amount"] += row.outstanding
            item[f"{prefix}_count"] += 1
    for (currency, direction), amount in _repaid_in_month(user, today).items():
        key = (
            "repaid_this_month"
            if direction == Direction.LENT
            else "repaid_by_you_this_month"
        )
        entry(currency)[key] += amount
    for item in table.values():
        item["net"] = item["total"] = (
            item["lent_outstanding"] - item["borrowed_outstanding"]
        )
    return [table[code] for code in sorted(table)]


# --- counterparties -----------------------------------------------------------------


@dataclass
class Person:
    """What the user and one person owe each other in one currency."""

    name: str
    currency: str
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        """Count one more record (the latest one names the person)."""
        self.rows.append(row)
        self.name = row.counterparty_name

    def on_time_rate(self, today: date) -> float | None:
        """Share of their due-dated debts to the user repaid by the due date, among
        those repaid or already past due (None when there is none yet)."""
        judged, on_time = self.history(today)
        return round(on_time / judged, 2) if judged else None

    def history(self, today: date) -> tuple[int, int]:
        """(their due-dated debts that can be judged, those repaid on time)."""
        judged = on_time = 0
        for row in self.rows:
            if row.direction != Direction.LENT or row.due_date is None:
                continue
            if row.status == "repaid":
                judged += 1
                on_time += bool(row.last_repaid and row.last_repaid <= row.due_date)
            elif row.overdue_on(today) or row.status == "written_off":
                judged += 1
        return judged, on_time

    def report(self, today: date) -> dict[str, Any]:
        """The counterparty line the API shows."""
        open_rows = [r for r in self.rows if r.is_open]
        dues = [r.due_date for r in open_rows if r.due_date]
        activity = [r.lent_date for r in self.rows] + [
            r.last_repaid for r in self.rows if r.last_repaid
        ]
        lent = sum((r.outstanding for r in open_rows if r.direction == "lent"), ZERO)
        borrowed = sum(
            (r.outstanding for r in open_rows if r.direction != "lent"), ZERO
        )
        return {
            "counterparty": self.name,
            "currency": self.currency,
            "net_balance": lent - borrowed,
            "total": lent - borrowed,
            "they_owe": lent,
            "you_owe": borrowed,
            "open_items": len(open_rows),
            "overdue_items": sum(r.overdue_on(today) for r in open_rows),
            "oldest_due_date": min(dues) if dues else None,
            "last_activity": max(activity),
            "on_time_rate": self.on_time_rate(today),
        }


def people(rows: Iterable[Row]) -> dict[tuple[str, str], Person]:
    """Rows grouped by (person's key, currency), oldest record first."""
    grouped: dict[tuple[str, str], Person] = {}
    for row in rows:
        key = (row.counterparty_key, row.currency)
        grouped.setdefault(key, Person(row.counterparty_name, row.currency)).add(row)
    return grouped


def counterparties(
    user: AbstractBaseUser, today: date, rows: list[Row] | None = None
) -> list[dict[str, Any]]:
    """Per person and currency: net balance (positive: they owe the user), open and
    overdue items, oldest due date, last activity, on-time repayment rate."""
    grouped = people(rows_of(user) if rows is None else rows)
    return [grouped[key].report(today) for key in sorted(grouped)]


def overview(
    user: AbstractBaseUser, today: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`summary` and `counterparties` from one read of the user's records."""
    rows = rows_of(user)
    return summary(user, today, rows), counterparties(user, today, rows)


def person_rows(
    user: AbstractBaseUser, key: str, currency: str | None = None
) -> Iterable[LendingModel]:
    """The user's live open records with one person (a currency's, when given)."""
    records = live(user).filter(counterparty_key=key, status__in=OPEN_STATUSES)
    return records.filter(currency=currency) if currency else records
