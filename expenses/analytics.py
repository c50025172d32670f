"""Spending analytics of the expenses feature: aggregate queries, grouped by currency.

`ExpenseService.analytics` / `categories` / `totals_by_currency` (the front door in
`services.py`) call these; every sum is of the signed amount (refunds count
negative) and never mixes currencies. Whole calendar months are read from the monthly
rollups (`rollups.py`), the days at a range's edges from the daily ones: a bounded
number of rows whatever the number of expenses.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Count, QuerySet, Sum

from expenses.categories import custom_of, parents_of
from expenses.models import (
    EXPENSE_CATEGORIES,
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from expenses.rollups import SIGNED_AMOUNT, ZERO, from_mills
from mysphere_core.dates import month_end, month_label, month_start
from mysphere_core.errors import InvalidInput
from mysphere_core.money import percent, round_money

TREND_MONTHS = 12
MAX_ANALYTICS_DAYS = 3660
TOP_VENDORS = 5


def analytics_range(
    *, today: Callable[[], date], date_from: date | None, date_to: date | None
) -> tuple[date, date]:
    """The range to report: this month by default; one side given, the other
    follows (from: up to today; to: from the 1st of its month). 400 when upside
    down or longer than ten years. `today()` is asked only when a side is missing
    (it reads the user's time zone)."""
    if date_from is None and date_to is None:
        day = today()
        date_from, date_to = month_start(day), month_end(day)
    elif date_from is None:
        date_from = month_start(date_to)
    elif date_to is None:
        date_to = max(today(), date_from)
    if date_from > date_to:
        raise InvalidInput("date_to must be on or after date_from.", field="date_to")
    if (date_to - date_from).days >= MAX_ANALYTICS_DAYS:
        raise InvalidInput("The range may span at most ten years.", field="date_from")
    return date_from, date_to


def totals_by_currency(queryset: QuerySet[ExpenseModel]) -> list[dict[str, Any]]:
    """Signed totals and counts of the active rows of `queryset`, per currency."""
    return [
        {
            "currency": row["currency"],
            "total": round_money(row["total"], row["currency"]),
            "count": row["count"],
        }
        for row in queryset.filter(is_active=True)
        .order_by()
        .values("currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency")
    ]


def category_summary(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Every category of the user (the system ones, then their own) with the count
    and totals (per currency) of their active expenses, all time: one aggregate
    over the monthly rollups, one read of their categories."""
    rows = (
        MonthlySpendingSummaryModel.objects.filter(user=user, item_count__gt=0)
        .values("category", "currency")
        .annotate(cents=Sum("total_mills"), count=Sum("item_count"))
        .order_by("category", "currency")
    )
    summary = {name: _category_row(None, name, name, "") for name in EXPENSE_CATEGORIES}
    for row in custom_of(user).values("category_id", "name", "parent", "color"):
        summary[row["name"]] = _category_row(
            row["category_id"], row["name"], row["parent"] or None, row["color"]
        )
    for row in rows:
        entry = summary.get(row["category"])
        if entry is None:
            continue
        entry["count"] += row["count"]
        entry["totals"].append(
            {"currency": row["currency"], "total": from_mills(row["cents"])}
        )
    return list(summary.values())


def _category_row(
    category_id: int | None, name: str, parent: str | None, color: str
) -> dict[str, Any]:
    """One row of the category summary, before its counts and totals."""
    return {
        "category_id": category_id,
        "category": name,
        "is_custom": category_id is not None,
        "parent": parent,
        "color": color,
        "count": 0,
        "totals": [],
    }


def month_totals(user: AbstractBaseUser, month: date) -> list[dict[str, Any]]:
    """The signed total and count per currency of the user's active expenses in
    `month` (any day of it): one aggregate over the monthly rollups."""
    rows = (
        MonthlySpendingSummaryModel.objects.filter(
            user=user, month=month_start(month), item_count__gt=0
        )
        .values("currency")
        .annotate(cents=Sum("total_mills"), count=Sum("item_count"))
        .order_by("currency")
    )
    return [
        {
            "currency": row["currency"],
            "total": from_mills(row["cents"]),
            "count": row["count"],
        }
        for row in rows
    ]


def split_months(first: date, last: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole calendar months of `first`..`last` (their first days) and the day
    spans left at its edges (the whole range when it holds no whole month)."""
    start = first if first.day == 1 else month_end(first) + timedelta(days=1)
    end = last if last == month_end(last) else month_start(last) - timedelta(days=1)
    if start > end:
        return [], [(first, last)]
    months = [start]
    while months[-1] < month_start(end):
        months.append(month_start(months[-1], -1))
    spans = []
    if first < start:
        spans.append((first, start - timedelta(days=1)))
    if end < last:
        spans.append((end + timedelta(days=1), last))
    return months, spans


def compute_analytics(
    user: AbstractBaseUser, *, date_from: date, date_to: date
) -> dict[str, Any]:
    """The analytics of the user's active expenses over the range: whole months
    from the monthly rollups, the days at the range's edges from the daily ones (at
    most three queries, whatever the number of rows)."""
    length = (date_to - date_from).days + 1
    prev_to = date_from - timedelta(days=1)
    prev_from = date_from - timedelta(days=length)
    months = [month_start(date_to, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    current = _Edges(*split_months(date_from, date_to))
    previous = _Edges(*split_months(prev_from, prev_to))
    sums = _Sums(months, current, previous)
    first_month = min(months[0], month_start(prev_from))
    sums.add_rollups(_monthly_rows(user, first_month, months[-1]))
    if current.raw or previous.raw:
        sums.add_edges(_edges(user, current.raw, previous.raw))
    report = _Report(months)
    sums.fill(report)
    report.roll_up(_parents(user, report))
    vendors = top_vendors(user, current)
    report.add_vendors(sorted(vendors, key=lambda row: (-row[2], row[1])))
    return {
        "date_from": date_from,
        "date_to": date_to,
        "previous_date_from": prev_from,
        "previous_date_to": prev_to,
        "currencies": report.currencies(),
    }


def _monthly_rows(user: AbstractBaseUser, first: date, last: date) -> list[tuple]:
    """(month, currency, category, total, count, refunds) of the user's category
    rollups of the months `first`..`last` that count something: one statement
    written once (the ORM compiling it cost a tenth of a cold request)."""
    with connection.cursor() as cursor:
        cursor.execute(_MONTHLY, [user.pk, _date(first), _date(last)])
        return cursor.fetchall()  # DATE columns come back as dates on both databases


def _parents(user: AbstractBaseUser, report: "_Report") -> dict[str, str | None]:
    """Each reported category -> the system one it rolls up to (the user's own
    categories are read only when the report has one)."""
    named = {
        row["category"]
        for item in report.per_currency.values()
        for row in item["by_category"]
    }
    if named <= set(EXPENSE_CATEGORIES):
        return {name: name for name in named}
    return parents_of(user)


class _Edges:
    """A range as whole months plus corrections read from the daily rollups. An
    edge span covering most of its month counts that month's rollups
    (`edge_months`) minus the daily rollups of the month's other days; a short one
    reads its own days. So at most half a month of days per edge."""

    def __init__(self, months: list[date], spans: list[tuple[date, date]]) -> None:
        self.months = months
        self.edge_months: list[date] = []
        # (first, last, sign): days added (1) or taken off an edge month (-1)
        self.raw: list[tuple[date, date, int]] = []
        for first, last in spans:
            while first <= last:
                end = min(last, month_end(first))
                self._add_span(first, end)
                first = end + timedelta(days=1)

    def _add_span(self, first: date, last: date) -> None:
        """One span inside a month: its days, or its month less the others."""
        start, end = month_start(first), month_end(first)
        days, others = (last - first).days + 1, (end - start).days - (last - first).days
        if others >= days:
            self.raw.append((first, last, 1))
            return
        self.edge_months.append(start)
        if start < first:
            self.raw.append((start, first - timedelta(days=1), -1))
        if last < end:
            self.raw.append((last + timedelta(days=1), end, -1))


def _edges(
    user: AbstractBaseUser,
    current: list[tuple[date, date, int]],
    previous: list[tuple[date, date, int]],
) -> list[tuple[str, str, str, int, int, int]]:
    """Per span (labelled with its range and sign: "current+", "previous-", ...),
    currency and category, the signed total, count and refunds (thousandths) of its
    daily rollups, in one statement: a `UNION ALL` of one index range per span (an
    `OR` of spans would scan all the user's rows)."""
    spans = [(f"current{_SIGNS[sign]}", first, last) for first, last, sign in current]
    spans += [
        (f"previous{_SIGNS[sign]}", first, last) for first, last, sign in previous
    ]
    params: list[Any] = []
    for label, first, last in spans:
        params += [label, user.pk, _date(first), _date(last)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([_EDGE_DAYS] * len(spans)), params)
        return cursor.fetchall()


_SIGNS = {1: "+", -1: "-"}


def top_vendors(
    user: AbstractBaseUser, edges: _Edges
) -> list[tuple[str, str, Decimal, int]]:
    """(currency, vendor, total, count) of the largest named vendors of the range
    (the vendor rollups of its whole and edge months, plus or minus the daily ones
    of the edge days), ranked in SQL: per currency, every vendor whose total ranks in
    the first five (ties included, so the caller's order decides among them)."""
    months = edges.months + edges.edge_months
    if not months and not edges.raw:
        return []
    parts, params = [], []
    if months:
        parts.append(_VENDOR_ROLLUPS.format(months=", ".join(["%s"] * len(months))))
        params += [user.pk, *(_date(month) for month in months)]
    for first, last, sign in edges.raw:
        parts.append(_VENDOR_DAYS)
        params += [sign, sign, user.pk, _date(first), _date(last)]
    sql = _VENDOR_RANKS.format(rows=" UNION ALL ".join(parts), top=TOP_VENDORS)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (currency, vendor, from_mills(int(total)), int(count))
            for currency, vendor, total, count in cursor.fetchall()
        ]


def _date(day: date) -> Any:
    """A day as a statement parameter."""
    return connection.ops.adapt_datefield_value(day)


_MONTHLY = (
    "SELECT month, currency, category, total_mills, item_count, refund_mills "  # noqa: S608
    f"FROM {MonthlySpendingSummaryModel._meta.db_table} "
    "WHERE user_id = %s AND item_count > 0 AND month >= %s AND month <= %s"
)
# Grouped first: one read of the covering index `monthly_vendor_covering`.
_VENDOR_ROLLUPS = (
    "SELECT currency, vendor, SUM(total_mills) AS cents, "  # noqa: S608
    "SUM(item_count) AS n "
    f"FROM {MonthlyVendorSpendingModel._meta.db_table} "
    "WHERE user_id = %s AND item_count > 0 AND month IN ({months}) "
    "GROUP BY currency, vendor"
)
# The edge days of a vendor ranking.
_VENDOR_DAYS = (
    "SELECT currency, vendor, %s * total_mills AS cents, "  # noqa: S608
    f"%s * item_count AS n FROM {DailyVendorSpendingModel._meta.db_table} "
    "WHERE user_id = %s AND day >= %s AND day <= %s"
)
# One edge span's sums per currency and category, in thousandths.
_EDGE_DAYS = (
    "SELECT %s AS span, currency, category, SUM(total_mills) AS cents, "  # noqa: S608
    "SUM(item_count) AS n, SUM(refund_mills) AS refund_mills "
    f"FROM {DailySpendingSummaryModel._meta.db_table} "
    "WHERE user_id = %s AND day >= %s AND day <= %s "
    "GROUP BY currency, category"
)
_VENDOR_RANKS = (
    "SELECT currency, vendor, cents, n FROM (SELECT currency, vendor, cents, n, "
    "RANK() OVER (PARTITION BY currency ORDER BY cents DESC) AS place FROM ("
    "SELECT currency, vendor, SUM(cents) AS cents, SUM(n) AS n FROM ({rows}) AS parts "
    "GROUP BY currency, vendor HAVING SUM(n) > 0) AS sums) AS ranked "
    "WHERE place <= {top}"
)


class _Sums:
    """Per currency: the range's and the previous range's sums, the range's per
    category, and the trend's per month, gathered from rollups and edge rows in
    whole thousandths (money only when the report is filled)."""

    def __init__(self, months: list[date], current: _Edges, previous: _Edges) -> None:
        self.trend_months, self.first_trend = set(months), months[0]
        self.current, self.previous = set(current.months), set(previous.months)
        # month -> the ranges ("current", "previous") whose edge it counts
        self.edge_months: dict[date, list[str]] = defaultdict(list)
        for month in current.edge_months:
            self.edge_months[month].append("current")
        for month in previous.edge_months:
            self.edge_months[month].append("previous")
        self.seen: dict[str, None] = {}
        # currency -> rows of the edge days (a currency with some is seen)
        self.edge_counts: dict[str, int] = defaultdict(int)
        # currency -> [total, count, refunds, previous total, previous count]
        self.totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        self.categories: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.trend: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])

    def add_rollups(self, rows: Any) -> None:
        """Category rollup rows: the trend's months, and the ranges' whole months."""
        for month, code, category, total, count, refunds in rows:
            for label in self.edge_months.get(month, ()):
                self._add_edge(label, code, category, total, count, refunds)
            in_trend = month in self.trend_months
            if in_trend:
                self._add(self.trend[(code, month)], total, count)
            if month in self.current:
                self._add(self.totals[code], total, count, refunds)
                self._add(self.categories[(code, category)], total, count)
            elif month in self.previous:
                self._add_previous(code, total, count)
            elif not in_trend:
                continue
            self.seen.setdefault(code)

    def add_edges(self, rows: Iterable[tuple[str, str, str, int, int, int]]) -> None:
        """Edge-day rows of the ranges, added or taken off their edge months."""
        for span, code, category, total, count, refunds in rows:
            sign = 1 if span.endswith("+") else -1
            self._add_edge(
                span[:-1],
                code,
                category,
                sign * int(total),
                sign * int(count),
                sign * int(refunds),
            )

    def _add_edge(
        self,
        label: str,
        code: str,
        category: str,
        total: int,
        count: int,
        refunds: int,
    ) -> None:
        """Add edge-day sums to the range named `label` ("current", "previous")."""
        self.edge_counts[code] += count
        if label == "current":
            self._add(self.totals[code], total, count, refunds)
            self._add(self.categories[(code, category)], total, count)
        else:
            self._add_previous(code, total, count)

    @staticmethod
    def _add(
        sums: list[int], total: int, count: int, refunds: int | None = None
    ) -> None:
        """Add a total and count (and refunds, if given) to `sums`."""
        sums[0] += total
        sums[1] += count
        if refunds is not None:
            sums[2] += refunds

    def _add_previous(self, code: str, total: int, count: int) -> None:
        """Add to the previous range's sums of the currency."""
        self.totals[code][3] += total
        self.totals[code][4] += count

    def fill(self, report: "_Report") -> None:
        """Entries, totals, categories (largest first) and trend of the report."""
        for code, count in self.edge_counts.items():
            if count:
                self.seen.setdefault(code)
        for code in self.seen:
            report.entry(code)
        report.add_totals(
            {
                "currency": code,
                "total": from_mills(sums[0]),
                "count": sums[1],
                "refunds": from_mills(sums[2]),
                "previous_total": from_mills(sums[3]),
                "previous_count": sums[4],
            }
            for code, sums in self.totals.items()
            if sums[1] or sums[4]
        )
        report.add_categories(
            {
                "currency": code,
                "category": category,
                "total": from_mills(total),
                "count": count,
            }
            for (code, category), (total, count) in sorted(
                self.categories.items(), key=lambda kv: (-kv[1][0], kv[0][1])
            )
            if count
        )
        report.add_trend(
            {
                "currency": code,
                "month": month,
                "total": from_mills(total),
                "count": count,
            }
            for (code, month), (total, count) in self.trend.items()
            if count
        )


class _Report:
    """The per-currency analytics, filled in from the aggregate rows."""

    def __init__(self, months: list[date]) -> None:
        self.months = [month_label(start) for start in months]
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

    def add_totals(self, rows: Iterable[dict[str, Any]]) -> None:
        """Totals, counts, averages, refunds and the comparison."""
        for row in rows:
            code = row["currency"]
            item = self.entry(code)
            total = round_money(row["total"] or ZERO, code)
            previous = round_money(row["previous_total"] or ZERO, code)
            item["total"], item["count"] = total, row["count"]
            item["refunds"] = round_money(row["refunds"] or ZERO, code)
            average = total / row["count"] if row["count"] else ZERO
            item["average"] = round_money(average, code)
            item["comparison"] = {
                "previous_total": previous,
                "previous_count": row["previous_count"],
                "delta": total - previous,
                "delta_percent": percent(total - previous, previous),
            }

    def add_trend(self, rows: Iterable[dict[str, Any]]) -> None:
        """The twelve months' totals and counts."""
        for row in rows:
            trend = self.entry(row["currency"])["monthly_trend"]
            month = trend[self.month_index[month_label(row["month"])]]
            month["total"] = round_money(month["total"] + row["total"], row["currency"])
            month["count"] += row["count"]

    def add_categories(self, rows: Iterable[dict[str, Any]]) -> None:
        """Each category's total and share of its currency's total."""
        for row in rows:
            item = self.entry(row["currency"])
            total = round_money(row["total"], row["currency"])
            item["by_category"].append(
                {
                    "category": row["category"],
                    "total": total,
                    "count": row["count"],
                    "share": percent(total, item["total"]) or 0.0,
                }
            )

    def roll_up(self, parents: dict[str, str | None]) -> None:
        """Each category's `parent`, and each currency's totals per system category
        with the user's own categories under their parent (`by_parent_category`)."""
        for item in self.per_currency.values():
            rolled: dict[str, list] = {}
            for row in item["by_category"]:
                row["parent"] = parents.get(row["category"])
                sums = rolled.setdefault(row["parent"] or row["category"], [ZERO, 0])
                sums[0] += row["total"]
                sums[1] += row["count"]
            item["by_parent_category"] = [
                {
                    "category": name,
                    "total": total,
                    "count": count,
                    "share": percent(total, item["total"]) or 0.0,
                }
                for name, (total, count) in sorted(
                    rolled.items(), key=lambda kv: (-kv[1][0], kv[0])
                )
            ]

    def add_vendors(self, rows: Iterable[tuple[str, str, Decimal, int]]) -> None:
        """The five largest vendors of each currency (rows largest first)."""
        for code, vendor, total, count in rows:
            vendors = self.entry(code)["top_vendors"]
            if len(vendors) < TOP_VENDORS:
                vendors.append(
                    {
                        "vendor": vendor,
                        "total": round_money(total, code),
                        "count": count,
                    }
                )

    def currencies(self) -> list[dict[str, Any]]:
        """Most used currency first."""
        return sorted(
            self.per_currency.values(),
            key=lambda c: (-c["count"], -c["total"], c["currency"]),
        )
