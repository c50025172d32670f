"""General billing intervals (every 6 months, every 2 years, every other week): exact
costs, anchored dates, the API's shape and its rules."""

from datetime import date
from decimal import Decimal

import pytest

from mysphere_core.money import to_cents
from subscriptions import billing
from subscriptions.models import SubscriptionModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"
SIX_MONTHS = billing.Interval(6, billing.MONTHS)
TWO_YEARS = billing.Interval(2, billing.YEARS)
BASE = {
    "name": "Water filter",
    "provider": "Brita",
    "amount": "300.00",
    "billing_cycle": "custom",
    "start_date": "2026-08-31",
}


@pytest.mark.parametrize(
    "interval, amount, monthly",
    [
        (SIX_MONTHS, "300.00", "50.00"),
        (TWO_YEARS, "240.00", "10.00"),
        (billing.Interval(2, billing.WEEKS), "26.00", "56.33"),
        (billing.Interval(3, billing.WEEKS), "30.00", "43.33"),
        (billing.Interval(18, billing.MONTHS), "180.00", "10.00"),
        (billing.Interval(30, billing.DAYS), "30.00", "30.42"),
    ],
)
def test_costs_are_exact(interval, amount, monthly):
    cost = billing.monthly_cost(Decimal(amount), billing.CUSTOM, interval)
    assert str(to_cents(cost)) == monthly
    yearly = billing.yearly_cost(Decimal(amount), billing.CUSTOM, interval)
    assert yearly == cost * 12


def test_named_cycles_cost_what_they_did():
    for cycle, interval in billing.NAMED_INTERVALS.items():
        assert billing.monthly_cost(
            Decimal("120"), cycle, None
        ) == billing.monthly_cost(Decimal("120"), billing.CUSTOM, interval)


def test_every_six_months_from_aug_31_is_anchored():
    dates = [
        billing.nth_billing_date(date(2026, 8, 31), billing.CUSTOM, SIX_MONTHS, n)
        for n in range(5)
    ]
    assert dates == [
        date(2026, 8, 31),
        date(2027, 2, 28),
        date(2027, 8, 31),
        date(2028, 2, 29),
        date(2028, 8, 31),
    ]
    assert billing.billing_date_after(
        date(2026, 8, 31), billing.CUSTOM, SIX_MONTHS, date(2027, 2, 28)
    ) == date(2027, 8, 31)


def test_every_two_years_from_feb_29():
    anchor = date(2024, 2, 29)
    series = list(
        billing.billing_dates_between(
            anchor, billing.CUSTOM, TWO_YEARS, anchor, date(2030, 12, 31)
        )
    )
    assert series == [
        date(2024, 2, 29),
        date(2026, 2, 28),
        date(2028, 2, 29),
        date(2030, 2, 28),
    ]
    assert billing.is_billing_date(anchor, billing.CUSTOM, TWO_YEARS, date(2028, 2, 29))
    assert not billing.is_billing_date(
        anchor, billing.CUSTOM, TWO_YEARS, date(2025, 2, 28)
    )


def test_interval_names():
    assert str(SIX_MONTHS) == "every 6 months"
    assert str(billing.Interval(1, billing.WEEKS)) == "every week"


class TestAPI:
    def test_every_six_months(self, auth_client):
        body = {**BASE, "interval_count": 6, "interval_unit": "months"}
        resp = auth_client.post(URL, body, format="json")
        assert resp.status_code == 201, resp.json()
        data = resp.json()
        assert (data["billing_cycle"], data["custom_cycle_days"]) == ("custom", None)
        assert (data["interval_count"], data["interval_unit"]) == (6, "months")
        assert (data["monthly_cost"], data["yearly_cost"]) == ("50.00", "600.00")
        assert data["next_billing_date"] == "2027-02-28"
        pay = auth_client.post(
            f"{URL}{data['subscription_id']}/payments/",
            {"due_date": "2027-02-28", "payment_date": "2026-11-22"},
            format="json",
        )
        assert pay.json()["subscription"]["next_billing_date"] == "2027-08-31"

    def test_every_two_years_from_a_leap_day(self, auth_client):
        body = {
            **BASE,
            "amount": "240.00",
            "start_date": "2024-02-29",
            "interval_count": 2,
            "interval_unit": "years",
        }
        data = auth_client.post(URL, body, format="json").json()
        assert data["next_billing_date"] == "2028-02-29"
        assert data["monthly_cost"] == "10.00"

    def test_named_cycles_show_their_interval(self, auth_client):
        for cycle, (count, unit) in billing.NAMED_INTERVALS.items():
            body = {**BASE, "billing_cycle": cycle, "interval_count": 9}
            data = auth_client.post(URL, body, format="json").json()
            assert (data["interval_count"], data["interval_unit"]) == (count, unit)
            assert data["custom_cycle_days"] is None

    def test_custom_days_still_work_and_show_as_days(self, auth_client):
        data = auth_client.post(
            URL, {**BASE, "custom_cycle_days": 14}, format="json"
        ).json()
        assert (data["custom_cycle_days"], data["interval_count"]) == (14, 14)
        assert data["interval_unit"] == "days"

    @pytest.mark.parametrize(
        "extra, errors",
        [
            ({}, {"custom_cycle_days": ["Required for a custom billing cycle."]}),
            (
                {"interval_count": 6},
                {"interval_unit": ["Give interval_count and interval_unit together."]},
            ),
            (
                {"interval_unit": "months"},
                {"interval_count": ["Give interval_count and interval_unit together."]},
            ),
            (
                {"interval_count": 11, "interval_unit": "years"},
                {"interval_count": ["Must be between 1 and 10 years."]},
            ),
            (
                {"interval_count": 53, "interval_unit": "weeks"},
                {"interval_count": ["Must be between 1 and 52 weeks."]},
            ),
            (
                {"interval_count": 0, "interval_unit": "months"},
                {
                    "interval_count": [
                        "Ensure this value is greater than or equal to 1."
                    ]
                },
            ),
            (
                {"interval_count": 2, "interval_unit": "fortnights"},
                {
                    "interval_unit": [
                        '"fortnights" is not a valid interval unit. Use one of: '
                        "days, weeks, months, years."
                    ]
                },
            ),
            (
                {
                    "custom_cycle_days": 14,
                    "interval_count": 2,
                    "interval_unit": "weeks",
                },
                {
                    "custom_cycle_days": [
                        "Give custom_cycle_days or interval_count and interval_unit."
                    ]
                },
            ),
        ],
    )
    def test_rules(self, auth_client, extra, errors):
        resp = auth_client.post(URL, {**BASE, **extra}, format="json")
        assert (resp.status_code, resp.json()) == (400, errors)
        assert not SubscriptionModel.objects.exists()

    def test_patch_changes_part_of_the_interval(self, auth_client):
        body = {**BASE, "interval_count": 6, "interval_unit": "months"}
        sub_id = auth_client.post(URL, body, format="json").json()["subscription_id"]
        resp = auth_client.patch(
            f"{URL}{sub_id}/",
            {"interval_unit": "years", "interval_count": 2},
            format="json",
        )
        assert resp.status_code == 200, resp.json()
        assert (resp.json()["interval_count"], resp.json()["interval_unit"]) == (
            2,
            "years",
        )
        assert resp.json()["next_billing_date"] == "2028-08-31"
        weekly = auth_client.patch(
            f"{URL}{sub_id}/", {"billing_cycle": "weekly"}, format="json"
        ).json()
        assert (weekly["interval_count"], weekly["interval_unit"]) == (1, "weeks")
        back = auth_client.patch(
            f"{URL}{sub_id}/", {"billing_cycle": "custom"}, format="json"
        )
        assert back.json() == {
            "custom_cycle_days": ["Required for a custom billing cycle."]
        }

    def test_filter_and_calendar(self, auth_client):
        body = {
            **BASE,
            "start_date": "2026-06-05",
            "interval_count": 2,
            "interval_unit": "weeks",
        }
        auth_client.post(URL, body, format="json")
        listed = auth_client.get(URL, {"billing_cycle": "custom"}).json()
        assert listed["count"] == 1
        events = auth_client.get(f"{URL}calendar/", {"month": "2026-12"}).json()
        assert [e["date"] for e in events["events"]] == [
            "2026-12-04",
            "2026-12-18",
        ]
