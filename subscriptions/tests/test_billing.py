"""Billing maths: exact monthly/yearly costs and start-anchored billing dates."""

from datetime import date
from decimal import Decimal

import pytest

from mysphere_core.money import to_cents
from subscriptions import billing


class TestCosts:
    @pytest.mark.parametrize(
        "amount, cycle, days, monthly",
        [
            ("9.99", "monthly", None, Decimal("9.99")),
            ("119.88", "yearly", None, Decimal("119.88") / Decimal(12)),
            ("30.00", "quarterly", None, Decimal("10")),
            ("12.00", "weekly", None, Decimal("52")),
            ("36.50", "custom", 365, Decimal("3.041666666666666666666666667")),
        ],
    )
    def test_monthly_cost_per_cycle(self, amount, cycle, days, monthly):
        assert billing.monthly_cost(Decimal(amount), cycle, days) == monthly

    def test_seed_yearly_example_is_exactly_9_99(self):
        assert billing.monthly_cost(Decimal("119.88"), "yearly") == Decimal("9.99")

    def test_never_the_seeds_0_083(self):
        # 0.083 x 1200 would be 99.60; the exact twelfth is 100.
        assert to_cents(billing.monthly_cost(Decimal("1200"), "yearly")) == Decimal(
            "100.00"
        )

    def test_weekly_uses_52_over_12_not_4_33(self):
        monthly = billing.monthly_cost(Decimal("10"), "weekly")
        assert to_cents(monthly) == Decimal("43.33")
        assert to_cents(billing.yearly_cost(Decimal("10"), "weekly")) == Decimal(
            "520.00"
        )

    def test_custom_uses_365_over_12(self):
        # every 28 days: 365/12/28 cycles a month
        monthly = billing.monthly_cost(Decimal("28"), "custom", 28)
        assert to_cents(monthly) == Decimal("30.42")
        assert to_cents(billing.yearly_cost(Decimal("28"), "custom", 28)) == Decimal(
            "365.00"
        )

    def test_yearly_is_monthly_times_twelve(self):
        assert billing.yearly_cost(Decimal("30"), "quarterly") == Decimal("120")

    def test_custom_without_days_is_refused(self):
        with pytest.raises(ValueError):
            billing.monthly_cost(Decimal("1"), "custom", None)


class TestAnchoredDates:
    def test_month_end_start_does_not_drift(self):
        start = date(2026, 1, 31)
        dates = [billing.nth_billing_date(start, "monthly", None, n) for n in range(5)]
        assert dates == [
            date(2026, 1, 31),
            date(2026, 2, 28),
            date(2026, 3, 31),
            date(2026, 4, 30),
            date(2026, 5, 31),
        ]

    def test_leap_year_february(self):
        assert billing.nth_billing_date(date(2028, 1, 31), "monthly", None, 1) == date(
            2028, 2, 29
        )

    def test_yearly_from_february_29(self):
        start = date(2024, 2, 29)
        assert [billing.nth_billing_date(start, "yearly", None, n) for n in (1, 4)] == [
            date(2025, 2, 28),
            date(2028, 2, 29),
        ]

    def test_quarterly_from_month_end(self):
        start = date(2026, 11, 30)
        assert [
            billing.nth_billing_date(start, "quarterly", None, n) for n in (1, 2, 3)
        ] == [date(2027, 2, 28), date(2027, 5, 30), date(2027, 8, 30)]

    def test_next_after_stays_anchored_after_february(self):
        # After paying Feb 28, the next date is Mar 31, not Mar 28.
        assert billing.billing_date_after(
            date(2026, 1, 31), "monthly", None, date(2026, 2, 28)
        ) == date(2026, 3, 31)

    @pytest.mark.parametrize(
        "day, expected",
        [
            (date(2026, 3, 1), date(2026, 3, 31)),
            (date(2026, 3, 31), date(2026, 3, 31)),
            (date(2026, 4, 1), date(2026, 4, 30)),
            (date(2025, 1, 1), date(2026, 1, 31)),
        ],
    )
    def test_first_on_or_after(self, day, expected):
        assert (
            billing.first_billing_on_or_after(date(2026, 1, 31), "monthly", None, day)
            == expected
        )

    def test_weekly_and_custom(self):
        start = date(2026, 11, 2)
        assert billing.billing_date_after(start, "weekly", None, date(2026, 11, 9)) == (
            date(2026, 11, 16)
        )
        assert billing.first_billing_on_or_after(
            start, "custom", 28, date(2026, 12, 1)
        ) == date(2026, 12, 28)

    def test_is_billing_date(self):
        anchor = date(2026, 1, 31)
        assert billing.is_billing_date(anchor, "monthly", None, date(2026, 2, 28))
        assert not billing.is_billing_date(anchor, "monthly", None, date(2026, 3, 28))
        assert not billing.is_billing_date(anchor, "monthly", None, date(2025, 12, 31))

    @pytest.mark.parametrize(
        "cycle, days, day, expected",
        [
            ("monthly", None, date(2026, 5, 15), date(2026, 4, 30)),
            ("monthly", None, date(2026, 5, 31), date(2026, 4, 30)),
            ("monthly", None, date(2026, 6, 1), date(2026, 5, 31)),
            ("monthly", None, date(2026, 1, 31), None),
            ("custom", 10, date(2026, 2, 10), date(2026, 1, 31)),
            ("custom", 10, date(2026, 2, 11), date(2026, 2, 10)),
            ("weekly", None, date(2026, 2, 1), date(2026, 1, 31)),
        ],
    )
    def test_billing_date_before(self, cycle, days, day, expected):
        anchor = date(2026, 1, 31)
        assert billing.billing_date_before(anchor, cycle, days, day) == expected

    def test_dates_between_weekly_in_a_month(self):
        dates = list(
            billing.billing_dates_between(
                date(2026, 10, 27),
                "weekly",
                None,
                date(2026, 12, 1),
                date(2026, 12, 31),
            )
        )
        assert dates == [
            date(2026, 12, 1),
            date(2026, 12, 8),
            date(2026, 12, 15),
            date(2026, 12, 22),
            date(2026, 12, 29),
        ]
