"""Spending analytics of the expenses feature: aggregate queries, grouped by currency.

`ExpenseService.analytics` / `categories` / `totals_by_currency` (the front door in
`services.py`) call these; every sum is of the signed amount (refunds count
negative) and never mixes currencies.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, F, Q, QuerySet, Sum, When
from rest_framework import exceptions

from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from mysphere_core.dates import month_end, month_start
from mysphere_core.money import percent, to_cents

TREND_MONTHS = 12
MAX_ANALYTICS_DAYS = 3660
TOP_VENDORS = 5

ZERO = Decimal("0.00")
REFUND = ExpenseModel.ExpenseType.REFUND
# Refunds count against spending: every sum is of this signed amount.
SIGNED_AMOUNT = Case(
    When(expense_type=REFUND, then=-F("amount")),
    default=F("amount"),
    output_field=DecimalField(max_digits=14, decimal_places=2),
)


def analytics_range(
    *, today: date, date_from: date | None, date_to: date | None
) -> tuple[date, date]:
    """The range to report: this month by default; one side given, the other
    follows (from: up to today; to: from the 1st of its month). 400 when upside
    down or longer than ten years."""
    if date_from is None and date_to is None:
        date_from, date_to = month_start(today), month_end(today)
    elif date_from is None:
        date_from = month_start(date_to)
    elif date_to is None:
        date_to = max(today, date_from)
    if date_from > date_to:
        raise exceptions.ValidationError(
            {"date_to": ["date_to must be on or after date_from."]}
        )
    if (date_to - date_from).days >= MAX_ANALYTICS_DAYS:
        raise exceptions.ValidationError(
            {"date_from": ["The range may span at most ten years."]}
        )
    return date_from, date_to


def totals_by_currency(queryset: QuerySet[ExpenseModel]) -> list[dict[str, Any]]:
    """Signed totals and counts of the active rows of `queryset`, per currency."""
    return [
        {
            "currency": row["currency"],
            "total": to_cents(row["total"]),
            "count": row["count"],
        }
        for row in queryset.filter(is_active=True)
        .order_by()
        .values("currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency")
    ]


def category_summary(expenses: QuerySet[ExpenseModel]) -> list[dict[str, Any]]:
    """Every valid category with the count and totals (per currency) of `expenses`."""
    rows = (
        expenses.order_by()
        .values("category", "currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("category", "currency")
    )
    summary = {
        name: {"category": name, "count": 0, "totals": []}
        for name in EXPENSE_CATEGORIES
    }
    for row in rows:
        entry = summary.get(row["category"])
        if entry is None:
            continue
        entry["count"] += row["count"]
        entry["totals"].append(
            {"currency": row["currency"], "total": to_cents(row["total"])}
        )
    return list(summary.values())


def compute_analytics(
    expenses: QuerySet[ExpenseModel], *, date_from: date, date_to: date
) -> dict[str, Any]:
    """The analytics of `expenses` over the range, from four aggregate queries."""
    length = (date_to - date_from).days + 1
    prev_to = date_from - timedelta(days=1)
    prev_from = date_from - timedelta(days=length)
    base = expenses.order_by()
    months = [month_start(date_to, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    report = _Report(months)
    report.add_totals(_totals(base, date_from, date_to, prev_from))
    report.add_trend(_trend(base, months[0], month_end(date_to)))
    in_period = base.filter(
        transaction_date__gte=date_from, transaction_date__lte=date_to
    )
    report.add_categories(_by_category(in_period))
    report.add_vendors(_vendors(in_period))
    return {
        "date_from": date_from,
        "date_to": date_to,
        "previous_date_from": prev_from,
        "previous_date_to": prev_to,
        "currencies": report.currencies(),
    }


def _totals(
    base: QuerySet[ExpenseModel], date_from: date, date_to: date, prev_from: date
) -> QuerySet:
    """Per currency: this range's total, count, refunds and the previous range's."""
    in_period = Q(transaction_date__gte=date_from, transaction_date__lte=date_to)
    in_previous = Q(transaction_date__gte=prev_from, transaction_date__lt=date_from)
    return (
        base.filter(transaction_date__gte=prev_from, transaction_date__lte=date_to)
        .values("currency")
        .annotate(
            total=Sum(SIGNED_AMOUNT, filter=in_period),
            count=Count("pk", filter=in_period),
            refunds=Sum("amount", filter=in_period & Q(expense_type=REFUND)),
            previous_total=Sum(SIGNED_AMOUNT, filter=in_previous),
            previous_count=Count("pk", filter=in_previous),
        )
    )


def _trend(base: QuerySet[ExpenseModel], first: date, last: date) -> QuerySet:
    """Sums per day and currency (at most ~366 rows per currency), in index order;
    folded into months in Python: far cheaper than twelve conditional sums per row."""
    return (
        base.filter(transaction_date__gte=first, transaction_date__lte=last)
        .values("transaction_date", "currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
    )


def _by_category(in_period: QuerySet[ExpenseModel]) -> QuerySet:
    """Per currency and category, largest first."""
    return (
        in_period.values("currency", "category")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "category")
    )


def _vendors(in_period: QuerySet[ExpenseModel]) -> QuerySet:
    """Per currency and named vendor, largest first."""
    return (
        in_period.exclude(vendor="")
        .values("currency", "vendor")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "vendor")
    )


class _Report:
    """The per-currency analytics, filled in from the aggregate rows."""

    def __init__(self, months: list[date]) -> None:
        self.months = [start.strftime("%Y-%m") for start in months]
        self.month_index = {month: index for index, month in enumerate(self.months)}
        self.per_currency: dict[str, dict[str, Any]] = {}

    def entry(self, code: str) -> dict[str, Any]:
        """The currency's entry, created empty (every month at zero) when new."""
        if code not in self.per_currency:
            self.per_currency[code] = {
                "currency": code,
                "total": ZERO,
                "count": 0,
                "average": ZERO,
                "refunds": ZERO,
                "by_category": [],
                "monthly_trend": [
                    {"month": month, "total": ZERO, "count": 0} for month in self.months
                ],
                "top_vendors": [],
                "comparison": {
                    "previous_total": ZERO,
                    "previous_count": 0,
                    "delta": ZERO,
                    "delta_percent": None,
                },
            }
        return self.per_currency[code]

    def add_totals(self, rows: QuerySet) -> None:
        """Totals, counts, averages, refunds and the comparison."""
        for row in rows:
            item = self.entry(row["currency"])
            total = to_cents(row["total"] or ZERO)
            previous = to_cents(row["previous_total"] or ZERO)
            item["total"], item["count"] = total, row["count"]
            item["refunds"] = to_cents(row["refunds"] or ZERO)
            item["average"] = to_cents(total / row["count"]) if row["count"] else ZERO
            item["comparison"] = {
                "previous_total": previous,
                "previous_count": row["previous_count"],
                "delta": total - previous,
                "delta_percent": percent(total - previous, previous),
            }

    def add_trend(self, rows: QuerySet) -> None:
        """Days folded into the twelve months."""
        for row in rows:
            trend = self.entry(row["currency"])["monthly_trend"]
            month = trend[self.month_index[row["transaction_date"].strftime("%Y-%m")]]
            month["total"] = to_cents(month["total"] + row["total"])
            month["count"] += row["count"]

    def add_categories(self, rows: QuerySet) -> None:
        """Each category's total and share of its currency's total."""
        for row in rows:
            item = self.entry(row["currency"])
            total = to_cents(row["total"])
            item["by_category"].append(
                {
                    "category": row["category"],
                    "total": total,
                    "count": row["count"],
                    "share": percent(total, item["total"]) or 0.0,
                }
            )

    def add_vendors(self, rows: QuerySet) -> None:
        """The five largest vendors of each currency."""
        for row in rows:
            vendors = self.entry(row["currency"])["top_vendors"]
            if len(vendors) < TOP_VENDORS:
                vendors.append(
                    {
                        "vendor": row["vendor"],
                        "total": to_cents(row["total"]),
                        "count": row["count"],
                    }
                )

    def currencies(self) -> list[dict[str, Any]]:
        """Most used currency first."""
        return sorted(
            self.per_currency.values(),
            key=lambda c: (-c["count"], -c["total"], c["currency"]),
        )
