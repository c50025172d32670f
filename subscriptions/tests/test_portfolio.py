"""Dashboard, analytics and calendar: exact numbers on hand-built data in two
currencies, caching, and query-count bounds."""

from datetime import date
from decimal import Decimal

import pytest

from subscriptions.services import SubscriptionService
from subscriptions.tests.factories import (
    CategoryFactory,
    PaymentFactory,
    SubscriptionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"


def money(**totals):
    """The API's money shape: one row per currency, sorted by code."""
    return [
        {"currency": code, "total": total} for code, total in sorted(totals.items())
    ]


@pytest.fixture
def portfolio(user, make_sub):
    """Two currencies: USD 15.99/mo + 119.88/yr, EUR 9/quarter + 12/week; one paused."""
    streaming = CategoryFactory(user=user, name="Streaming")
    news = CategoryFactory(user=user, name="News")
    subs = {
        "netflix": make_sub(user, category_id=streaming.pk),
        "disney": make_sub(
            user,
            name="Disney+",
            provider="Disney",
            amount=Decimal("119.88"),
            billing_cycle="yearly",
            start_date=date(2025, 11, 25),
            category_id=streaming.pk,
        ),
        "monde": make_sub(
            user,
            name="Le Monde",
            provider="Le Monde",
            amount=Decimal("9.00"),
            currency="EUR",
            billing_cycle="quarterly",
            start_date=date(2026, 9, 1),
            category_id=news.pk,
            payment_method="bank_transfer",
        ),
        "gym": make_sub(
            user,
            name="Gym",
            provider="FitClub",
            amount=Decimal("12.00"),
            currency="EUR",
            billing_cycle="weekly",
            start_date=date(2026, 11, 2),
        ),
        "hulu": make_sub(
            user,
            name="Hulu",
            provider="Hulu",
            amount=Decimal("7.99"),
            category_id=streaming.pk,
        ),
    }
    SubscriptionService.pause(user=user, pk=subs["hulu"].pk)
    return {"streaming": streaming, "news": news, **subs}


class TestDashboard:
    def test_exact_totals_by_currency(
        self, auth_client, portfolio, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(4):
            resp = auth_client.get(f"{URL}dashboard/")
        assert resp.status_code == 200
        body = resp.json()
        recent = body.pop("recent_subscriptions")
        assert body == {
            "currency": "USD",
            "total_subscriptions": 5,
            "active_subscriptions": 4,
            "paused_subscriptions": 1,
            "cancelled_subscriptions": 0,
            "expired_subscriptions": 0,
            "monthly_cost": money(EUR="55.00", USD="25.98"),
            "yearly_cost": money(EUR="660.00", USD="311.76"),
            "upcoming_renewals": 2,
            "overdue_payments": 0,
            "trials_ending_soon": 0,
            "categories": [
                {
                    "category": "News",
                    "category_id": portfolio["news"].pk,
                    "count": 1,
                    "cost": money(EUR="3.00"),
                },
                {
                    "category": "Streaming",
                    "category_id": portfolio["streaming"].pk,
                    "count": 2,
                    "cost": money(USD="25.98"),
                },
                {
                    "category": "Uncategorized",
                    "category_id": None,
                    "count": 1,
                    "cost": money(EUR="52.00"),
                },
            ],
        }
        assert [r["name"] for r in recent] == [
            "Hulu",
            "Gym",
            "Le Monde",
            "Disney+",
            "Netflix",
        ]

    def test_query_count_does_not_grow(
        self, auth_client, user, portfolio, django_assert_max_num_queries
    ):
        SubscriptionFactory.create_batch(
            30, user=user, category=portfolio["news"], currency="GBP"
        )
        with django_assert_max_num_queries(4):
            body = auth_client.get(f"{URL}dashboard/").json()
        assert body["monthly_cost"][1] == {"currency": "GBP", "total": "299.70"}

    def test_empty_dashboard(self, auth_client):
        body = auth_client.get(f"{URL}dashboard/").json()
        assert body["monthly_cost"] == []
        assert body["yearly_cost"] == []
        assert body["categories"] == []
        assert body["total_subscriptions"] == 0


@pytest.fixture
def payments(portfolio):
    netflix = portfolio["netflix"]
    for month in range(5, 12):  # May..Nov 2026 (May is outside the 6-month window)
        PaymentFactory(
            subscription=netflix,
            payment_date=date(2026, month, 10),
            due_date=date(2026, month, 10),
        )
    PaymentFactory(subscription=portfolio["monde"], payment_date=date(2026, 9, 1))
    for day in (2, 9, 16):
        PaymentFactory(subscription=portfolio["gym"], payment_date=date(2026, 11, day))
    PaymentFactory(
        subscription=netflix,
        amount=Decimal("5.00"),
        status="refunded",
        payment_date=date(2026, 11, 12),
    )
    PaymentFactory(
        subscription=netflix, is_active=False, payment_date=date(2026, 11, 13)
    )
    return portfolio


class TestAnalytics:
    def test_exact_numbers(self, auth_client, payments):
        resp = auth_client.get(f"{URL}analytics/")
        assert resp.status_code == 200
        body = resp.json()
        assert body["period"] == {"start": "2026-06-01", "end": "2026-11-22"}
        assert body["cost_trend"] == [
            {"month": "2026-06", "totals": money(USD="15.99"), "payments": 1},
            {"month": "2026-07", "totals": money(USD="15.99"), "payments": 1},
            {"month": "2026-08", "totals": money(USD="15.99"), "payments": 1},
            {
                "month": "2026-09",
                "totals": money(EUR="9.00", USD="15.99"),
                "payments": 2,
            },
            {"month": "2026-10", "totals": money(USD="15.99"), "payments": 1},
            {
                "month": "2026-11",
                "totals": money(EUR="36.00", USD="15.99"),
                "payments": 4,
            },
        ]

    def test_exact_breakdowns(self, auth_client, payments):
        body = auth_client.get(f"{URL}analytics/").json()
        assert body["payment_methods"] == {
            "bank_transfer": {"count": 1, "monthly_cost": money(EUR="3.00")},
            "card": {"count": 3, "monthly_cost": money(EUR="52.00", USD="25.98")},
        }
        assert body["average_monthly_cost"] == [
            {"currency": "EUR", "total": "27.50", "subscriptions": 2},
            {"currency": "USD", "total": "12.99", "subscriptions": 2},
        ]
        assert body["category_spending"] == [
            {
                "category": "News",
                "category_id": payments["news"].pk,
                "count": 1,
                "monthly_cost": money(EUR="3.00"),
                "lifetime_spent": money(EUR="9.00"),
            },
            {
                "category": "Streaming",
                "category_id": payments["streaming"].pk,
                "count": 2,
                "monthly_cost": money(USD="25.98"),
                "lifetime_spent": money(USD="111.93"),
            },
            {
                "category": "Uncategorized",
                "category_id": None,
                "count": 1,
                "monthly_cost": money(EUR="52.00"),
                "lifetime_spent": money(EUR="36.00"),
            },
        ]
        lifetime = {row["name"]: row for row in body["lifetime_spent"]}
        assert lifetime["Netflix"]["total_spent"] == money(USD="111.93")
        assert lifetime["Netflix"]["payments"] == 7
        assert lifetime["Netflix"]["last_payment_date"] == "2026-11-10"
        assert lifetime["Gym"]["total_spent"] == money(EUR="36.00")
        assert lifetime["Disney+"]["total_spent"] == []
        assert [row["name"] for row in body["lifetime_spent"]][:3] == [
            "Netflix",
            "Gym",
            "Le Monde",
        ]

    def test_cached_then_invalidated_by_a_write(
        self, auth_client, user, payments, django_assert_max_num_queries
    ):
        first = auth_client.get(f"{URL}analytics/").json()
        with django_assert_max_num_queries(2):  # auth + profile: the rest is cached
            assert auth_client.get(f"{URL}analytics/").json() == first
        SubscriptionService.record_payment(
            user=user,
            pk=payments["netflix"].pk,
            data={
                "create_expense": False,
                "due_date": payments["netflix"].next_billing_date,
            },
        )
        after = auth_client.get(f"{URL}analytics/").json()
        assert after["cost_trend"][-1]["totals"] == money(EUR="36.00", USD="31.98")

    def test_query_count_does_not_grow(
        self, auth_client, user, payments, django_assert_max_num_queries
    ):
        for _ in range(10):
            PaymentFactory(subscription=SubscriptionFactory(user=user))
        with django_assert_max_num_queries(6):
            assert auth_client.get(f"{URL}analytics/").status_code == 200


class TestCalendar:
    def test_weekly_appears_every_week_and_trial_ends_show(
        self, auth_client, user, portfolio, make_sub, django_assert_max_num_queries
    ):
        make_sub(
            user,
            name="Duolingo Super",
            provider="Duolingo",
            amount=Decimal("12.99"),
            start_date=date(2026, 11, 20),
            is_trial=True,
            trial_end_date=date(2026, 12, 4),
        )
        with django_assert_max_num_queries(4):
            resp = auth_client.get(f"{URL}calendar/", {"month": "2026-12"})
        assert resp.status_code == 200
        body = resp.json()
        assert (body["month"], body["start"], body["end"]) == (
            "2026-12",
            "2026-12-01",
            "2026-12-31",
        )
        events = [(e["date"], e["name"], e["type"]) for e in body["events"]]
        assert events == [
            ("2026-12-01", "Le Monde", "renewal"),
            ("2026-12-04", "Duolingo Super", "trial_end"),
            ("2026-12-04", "Duolingo Super", "renewal"),
            ("2026-12-07", "Gym", "renewal"),
            ("2026-12-10", "Netflix", "renewal"),
            ("2026-12-14", "Gym", "renewal"),
            ("2026-12-21", "Gym", "renewal"),
            ("2026-12-28", "Gym", "renewal"),
        ]
        assert body["totals"] == [
            {"currency": "EUR", "total": "57.00", "renewals": 5},
            {"currency": "USD", "total": "28.98", "renewals": 2},
        ]
        assert body["events"][0]["amount"] == "9.00"

    def test_weekly_five_times_in_a_month_and_paused_hidden(
        self, auth_client, portfolio
    ):
        body = auth_client.get(f"{URL}calendar/", {"month": "2026-11"}).json()
        gym = [e["date"] for e in body["events"] if e["name"] == "Gym"]
        assert gym == [
            "2026-11-02",
            "2026-11-09",
            "2026-11-16",
            "2026-11-23",
            "2026-11-30",
        ]
        names = {e["name"] for e in body["events"]}
        assert names == {"Gym", "Netflix", "Disney+"}  # Hulu is paused

    def test_month_defaults_to_current_and_is_validated(self, auth_client, portfolio):
        assert auth_client.get(f"{URL}calendar/").json()["month"] == "2026-11"
        bad = auth_client.get(f"{URL}calendar/", {"month": "2026-13"})
        assert bad.status_code == 400
        assert bad.json() == {"month": ["Use YYYY-MM, e.g. 2026-03."]}

    def test_end_date_stops_the_series(self, auth_client, user, make_sub):
        make_sub(
            user,
            name="Weekly box",
            billing_cycle="weekly",
            start_date=date(2026, 11, 2),
            end_date=date(2026, 12, 10),
        )
        body = auth_client.get(f"{URL}calendar/", {"month": "2026-12"}).json()
        assert [e["date"] for e in body["events"]] == ["2026-12-07"]
