"""Analytics read from the monthly rollups (whole months) and daily ones (edge days)
give exactly what summing the raw rows gives, for any range (hypothesis)."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expenses import analytics
from expenses.models import ExpenseModel
from expenses.tests.factories import ExpenseFactory
from mysphere_core.dates import month_end, month_start

pytestmark = pytest.mark.django_db
ZERO = Decimal("0.00")


def _seed(user, other_user) -> None:
    """80 rows over two years: two currencies, refunds, deleted rows, no vendor."""
    rng = random.Random(11)
    for n in range(80):
        ExpenseFactory(
            user=user if n % 9 else other_user,
            amount=Decimal(rng.randint(1, 40000)) / 100,
            currency="EUR" if n % 4 == 0 else "USD",
            category=rng.choice(["Travel", "Health", "Other", "Groceries"]),
            vendor=rng.choice(["", "Uber", "Zara", "Costco", "Pret", "Nobu", "Lidl"]),
            transaction_date=date(2025, 1, 1) + timedelta(days=rng.randint(0, 730)),
            expense_type="refund" if n % 7 == 0 else "expense",
            is_active=n % 11 != 0,
        )


def _sums() -> list:
    return [ZERO, 0]


def _raw_report(user, date_from: date, date_to: date) -> dict:
    """The analytics computed in Python from every active raw row of the user."""
    length = (date_to - date_from).days + 1
    prev_from = date_from - timedelta(days=length)
    months = [month_start(date_to, back) for back in range(11, -1, -1)]
    seen, totals = set(), defaultdict(lambda: [ZERO, 0, ZERO, ZERO, 0])
    categories, trend, vendors = (defaultdict(_sums) for _ in range(3))
    for row in ExpenseModel.objects.filter(user=user, is_active=True):
        day, code = row.transaction_date, row.currency
        refund = row.expense_type == "refund"
        signed = -row.amount if refund else row.amount
        if months[0] <= day <= month_end(date_to):
            seen.add(code)
            _add(trend[(code, month_start(day))], signed)
        if prev_from <= day < date_from:
            seen.add(code)
            totals[code][3] += signed
            totals[code][4] += 1
        if date_from <= day <= date_to:
            seen.add(code)
            _add(totals[code], signed)
            totals[code][2] += row.amount if refund else ZERO
            _add(categories[(code, row.category)], signed)
            if row.vendor:
                _add(vendors[(code, row.vendor)], signed)
    report = analytics._Report(months)
    for code in seen:
        report.entry(code)
    report.add_totals(
        dict(
            zip(
                ("total", "count", "refunds", "previous_total", "previous_count"),
                v,
                strict=True,
            )
        )
        | {"currency": code}
        for code, v in totals.items()
    )
    report.add_categories(
        {"currency": code, "category": name, "total": total, "count": count}
        for (code, name), (total, count) in sorted(
            categories.items(), key=lambda kv: (-kv[1][0], kv[0][1])
        )
    )
    report.roll_up({name: name for (_, name) in categories})
    report.add_trend(
        {"currency": code, "month": month, "total": total, "count": count}
        for (code, month), (total, count) in trend.items()
    )
    report.add_vendors(
        (code, name, total, count)
        for (code, name), (total, count) in sorted(
            vendors.items(), key=lambda kv: (-kv[1][0], kv[0][1])
        )
    )
    return report.currencies()


def _add(sums: list, amount: Decimal) -> None:
    sums[0] += amount
    sums[1] += 1


def test_any_range_reads_as_the_raw_rows_sum(user, other_user):
    _seed(user, other_user)

    @given(
        first=st.dates(date(2024, 11, 1), date(2027, 2, 1)),
        days=st.one_of(
            st.integers(0, 45), st.integers(46, 800), st.sampled_from([27, 28, 30])
        ),
        whole=st.booleans(),
    )
    @settings(max_examples=60, deadline=None)
    def check(first: date, days: int, whole: bool) -> None:
        last = first + timedelta(days=days)
        if whole:  # whole months on both sides
            first, last = month_start(first), month_end(last)
        result = analytics.compute_analytics(user, date_from=first, date_to=last)
        assert result["currencies"] == _raw_report(user, first, last)

    check()


def test_a_range_of_whole_months_reads_no_raw_row_of_the_range(
    user, other_user, django_assert_num_queries
):
    _seed(user, other_user)
    # rollups, the previous range's days (Oct 2 - Oct 31: daily rollups), vendor rollups
    with django_assert_num_queries(3):
        analytics.compute_analytics(
            user, date_from=date(2025, 11, 1), date_to=date(2025, 11, 30)
        )
    # 2026 compares with 2025 (365 days each): rollups only
    with django_assert_num_queries(2):
        analytics.compute_analytics(
            user, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)
        )


def test_month_totals_are_what_analytics_says_for_this_month(user, frozen):
    from expenses.services import ExpenseService
    from expenses.tests.factories import ExpenseFactory

    for amount, currency, day in (
        ("10.00", "USD", "2026-11-01"),
        ("2.50", "USD", "2026-11-22"),
        ("7.00", "EUR", "2026-11-15"),
        ("99.00", "USD", "2026-10-31"),
    ):
        ExpenseService.create(
            user=user,
            data={"amount": amount, "currency": currency, "transaction_date": day},
        )
    ExpenseFactory(user=user, amount="5.00", is_active=False)
    analytics = ExpenseService.analytics(user=user)["currencies"]
    expected = [
        {"currency": c["currency"], "total": c["total"], "count": c["count"]}
        for c in sorted(analytics, key=lambda c: c["currency"])
        if c["count"]
    ]
    assert ExpenseService.month_totals(user=user) == expected
    assert [(r["currency"], str(r["total"])) for r in expected] == [
        ("EUR", "7.00"),
        ("USD", "12.50"),
    ]


@pytest.mark.parametrize(
    "first, last",
    [
        (date(2025, 6, 1), date(2025, 6, 30)),
        (date(2025, 1, 15), date(2026, 3, 10)),
        (date(2024, 12, 20), date(2025, 1, 10)),  # nothing before: no delta percent
    ],
)
def test_the_report_renders_as_its_serializer_does(user, other_user, first, last):
    from expenses.serializers import ExpenseAnalyticsSerializer, render_analytics

    _seed(user, other_user)
    for amount, currency in (("1500", "JPY"), ("12.345", "KWD"), ("0.5", "KWD")):
        ExpenseFactory(
            user=user,
            amount=Decimal(amount),
            currency=currency,
            vendor="Souq",
            transaction_date=date(2025, 1, 3),
        )
    result = analytics.compute_analytics(user, date_from=first, date_to=last)
    assert render_analytics(result) == ExpenseAnalyticsSerializer(result).data
