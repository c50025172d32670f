"""Summaries: exact figures, rollover in its three modes (closing on demand and by
the scheduled job, never by a read, never twice, across a year boundary),
currencies, pace and query bounds."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from budgets.models import BudgetModel
from budgets.services import BudgetService
from budgets.tests.factories import plan_with
from expenses.models import EXPENSE_CATEGORIES
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import NotFoundError

pytestmark = pytest.mark.django_db
D = Decimal


def spend(user, category, amount, day, **extra) -> None:
    """One expense of the user."""
    ExpenseFactory(
        user=user, category=category, amount=D(amount), transaction_date=day, **extra
    )


@pytest.fixture
def october_and_november(user, frozen):
    """October planned and spent; November planned with every rollover mode."""
    october = plan_with(
        user,
        month="2026-10",
        allocations={
            "Food & Dining": "200.00",
            "Groceries": "300.00",
            "Health": "100.00",
            "Travel": "100.00",
            "Utilities": "80.00",
        },
    )
    oct_day = date(2026, 10, 12)
    spend(user, "Food & Dining", "150.00", oct_day)  # 50 left
    spend(user, "Groceries", "350.00", oct_day)  # 50 over
    spend(user, "Health", "130.00", oct_day)  # 30 over
    spend(user, "Travel", "40.00", oct_day)  # 60 left
    november = plan_with(
        user,
        month="2026-11",
        allocations={
            "Food & Dining": ("200.00", "unspent"),
            "Groceries": ("300.00", "unspent_and_overspent"),
            "Health": ("100.00", "unspent"),
            "Travel": ("100.00", "none"),
            "Utilities": ("100.00", "unspent_and_overspent"),
        },
    )
    nov_day = date(2026, 11, 5)
    spend(user, "Food & Dining", "100.00", nov_day)
    spend(user, "Food & Dining", "20.00", nov_day, expense_type="refund")
    spend(user, "Groceries", "260.00", nov_day)
    spend(user, "Groceries", "999.00", nov_day, currency="EUR")
    spend(user, "Shopping", "45.00", nov_day)
    return october, november


def _lines(summary):
    return {
        line["category"]: (
            line["rollover_in"],
            line["available"],
            line["spent"],
            line["remaining"],
        )
        for line in summary["categories"]
    }


class TestRollover:
    def test_november_takes_in_october_by_each_mode(
        self, user, october_and_november
    ) -> None:
        """unspent carries what was left (not an overspend), unspent_and_overspent
        both, none nothing; only the plan's currency counts; unbudgeted spending
        is listed and counted in the total."""
        assert BudgetService.close_finished_months() == 1  # the hourly job
        summary = BudgetService.summary(user=user)
        assert _lines(summary) == {
            "Utilities": (D("80.00"), D("180.00"), D("0.00"), D("180.00")),
            "Groceries": (D("-50.00"), D("250.00"), D("260.00"), D("-10.00")),
            "Health": (D("0.00"), D("100.00"), D("0.00"), D("100.00")),
            "Food & Dining": (D("50.00"), D("250.00"), D("80.00"), D("170.00")),
            "Travel": (D("0.00"), D("100.00"), D("0.00"), D("100.00")),
        }
        assert [line["category"] for line in summary["categories"]] == [
            "Utilities",
            "Groceries",
            "Health",
            "Food & Dining",
            "Travel",
        ]
        assert summary["total_budget"] == D("880.00")
        assert summary["total_spent"] == D("385.00")
        assert summary["total_remaining"] == D("495.00")
        assert summary["overspent_categories"] == ["Groceries"]
        assert summary["unbudgeted_spending"] == [
            {"category": "Shopping", "spent": D("45.00")}
        ]
        assert summary["days_left"] == 9  # 22 .. 30 November
        assert summary["safe_to_spend_per_day"] == D("55.00")
        assert summary["projected_month_end_spend"] == D("525.00")  # 385 / 22 * 30
        groceries = summary["categories"][1]
        assert groceries["percent_used"] == 104.0
        assert groceries["necessity_score"] == 9

    def test_reading_never_closes_a_month(
        self, user, october_and_november, django_capture_on_commit_callbacks
    ) -> None:
        """A read of November with October over and open writes nothing and shows
        nothing carried in; the scheduled job closes October once, and later
        October expenses and closes do not move November's rollover."""
        october, _ = october_and_november
        with django_capture_on_commit_callbacks() as announced:
            unclosed = BudgetService.summary(user=user)
        october.refresh_from_db()
        assert october.closed_at is None
        assert announced == []
        assert {line["rollover_in"] for line in unclosed["categories"]} == {D("0")}
        BudgetService.close_finished_months()
        first = BudgetService.summary(user=user)
        assert _lines(first)["Food & Dining"][0] == D("50.00")
        spend(user, "Food & Dining", "50.00", date(2026, 10, 30))
        BudgetService.close(user=user, pk=october.pk)
        assert BudgetService.close_finished_months() == 0
        assert BudgetService.summary(user=user) == first

    def test_an_open_current_month_is_not_closed_lazily(
        self, user, october_and_november
    ) -> None:
        """December's summary does not close November (not over yet): nothing
        rolls in until November is closed on demand."""
        plan_with(
            user,
            month="2026-12",
            allocations={"Food & Dining": ("200.00", "unspent")},
        )
        december = BudgetService.summary(user=user, month=date(2026, 12, 1))
        assert december["categories"][0]["rollover_in"] == D("0.00")
        _, november = october_and_november
        BudgetService.close(user=user, pk=november.pk)
        december = BudgetService.summary(user=user, month=date(2026, 12, 1))
        assert december["categories"][0]["rollover_in"] == D("170.00")


def test_rollover_across_the_year_boundary(user, frozen) -> None:
    """Closing January 2027 on demand closes December 2026 first (the chain);
    each month takes in the one before, across the year."""
    december = plan_with(
        user, month="2026-12", allocations={"Travel": ("300.00", "unspent")}
    )
    plan_with(
        user,
        month="2027-01",
        allocations={"Travel": ("300.00", "unspent_and_overspent")},
    )
    plan_with(user, month="2027-02", allocations={"Travel": ("300.00", "unspent")})
    spend(user, "Travel", "120.00", date(2026, 12, 20))  # 180 left
    spend(user, "Travel", "600.00", date(2027, 1, 10))  # 480 available: 120 over
    january = BudgetModel.objects.get(user=user, month="2027-01")
    BudgetService.close(user=user, pk=january.pk)
    december.refresh_from_db()
    assert december.closed_at is not None
    jan = BudgetService.summary(user=user, pk=january.pk)
    assert _lines(jan)["Travel"] == (
        D("180.00"),
        D("480.00"),
        D("600.00"),
        D("-120.00"),
    )
    feb = BudgetService.summary(user=user, month=date(2027, 2, 1))
    assert _lines(feb)["Travel"][0] == D("0.00")  # unspent: the overspend stays
    assert feb["days_left"] == 28
    assert feb["projected_month_end_spend"] == D("0.00")


def test_two_currencies_only_the_plans_counts(user, frozen) -> None:
    """A EUR plan counts EUR spending only; the USD plan of another month is apart."""
    plan_with(user, month="2026-11", currency="EUR", allocations={"Travel": "100.00"})
    spend(user, "Travel", "30.00", date(2026, 11, 2), currency="EUR")
    spend(user, "Travel", "500.00", date(2026, 11, 2), currency="USD")
    summary = BudgetService.summary(user=user)
    assert summary["currency"] == "EUR"
    assert summary["total_spent"] == D("30.00")
    assert summary["categories"][0]["remaining"] == D("70.00")


def test_a_past_month(user, frozen) -> None:
    """A month that is over: no days left, nothing safe to spend, the projection
    is what was spent."""
    plan_with(user, month="2026-09", allocations={"Travel": "100.00"})
    spend(user, "Travel", "30.00", date(2026, 9, 2))
    summary = BudgetService.summary(user=user, month=date(2026, 9, 1))
    assert summary["days_left"] == 0
    assert summary["safe_to_spend_per_day"] == D("0")
    assert summary["projected_month_end_spend"] == D("30.00")


def test_no_plan_is_a_404_naming_the_month(user, frozen) -> None:
    """The message says which month and how to make a plan."""
    with pytest.raises(NotFoundError, match="2026-11"):
        BudgetService.summary(user=user)


def test_summary_queries_do_not_grow(
    user, frozen, django_assert_max_num_queries
) -> None:
    """At most 5 queries (profile, plan with last month's balances, rollups,
    ranking) with every category allocated and 300 expenses."""
    plan_with(user, month="2026-10", allocations={"Travel": ("50.00", "unspent")})
    plan_with(
        user,
        month="2026-11",
        allocations=dict.fromkeys(EXPENSE_CATEGORIES, ("100.00", "unspent")),
    )
    for index in range(300):
        spend(
            user,
            EXPENSE_CATEGORIES[index % 9],
            "1.25",
            date(2026, 11, 1 + index % 20),
        )
    BudgetService.close_finished_months()  # closes October
    fresh = get_user_model().objects.get(pk=user.pk)
    with django_assert_max_num_queries(4):
        summary = BudgetService.summary(user=fresh, month=date(2026, 11, 1))
    assert summary["total_spent"] == D("375.00")
    assert _lines(summary)["Travel"][0] == D("50.00")


def test_all_three_modes_roll_into_january(user, frozen) -> None:
    """December 2026 left, overspent and left again; once January 2027 has begun the
    scheduled job closes December and January takes it in by each mode, exactly."""
    plan_with(
        user,
        month="2026-12",
        allocations={
            "Groceries": "400.00",
            "Entertainment": "100.00",
            "Travel": "200.00",
            "Shopping": "150.00",
        },
    )
    plan_with(
        user,
        month="2027-01",
        allocations={
            "Groceries": ("400.00", "unspent_and_overspent"),
            "Entertainment": ("100.00", "unspent_and_overspent"),
            "Travel": ("200.00", "unspent"),
            "Shopping": ("150.00", "none"),
        },
    )
    dec = date(2026, 12, 15)
    spend(user, "Groceries", "450.25", dec)  # 50.25 over
    spend(user, "Entertainment", "60.10", dec)  # 39.90 left
    spend(user, "Travel", "250.00", dec)  # 50.00 over
    spend(user, "Shopping", "20.00", dec)  # 130.00 left
    spend(user, "Groceries", "100.00", date(2027, 1, 3))
    frozen.move_to("2027-01-10T12:00:00Z")
    BudgetService.close_finished_months()
    summary = BudgetService.summary(user=user)
    assert summary["month"] == "2027-01"
    assert _lines(summary) == {
        "Groceries": (D("-50.25"), D("349.75"), D("100.00"), D("249.75")),
        "Entertainment": (D("39.90"), D("139.90"), D("0.00"), D("139.90")),
        "Travel": (D("0.00"), D("200.00"), D("0.00"), D("200.00")),
        "Shopping": (D("0.00"), D("150.00"), D("0.00"), D("150.00")),
    }
    assert summary["total_budget"] == D("839.65")
    assert summary["total_remaining"] == D("739.65")
    december = BudgetModel.objects.get(user=user, month="2026-12")
    assert december.closed_at is not None
    spend(user, "Travel", "500.00", date(2026, 12, 31))  # after closing: no effect
    assert BudgetService.summary(user=user) == summary


@pytest.mark.parametrize(
    "months",
    [
        {"2026-11": {}},  # a plan without allocations
        {"2026-11": {"Travel": "10.00"}, "2026-12": {"Travel": ("10.00", "unspent")}},
        {"2026-10": {"Travel": "10.00"}, "2026-11": {"Travel": ("10.00", "unspent")}},
    ],
)
def test_summary_over_http_is_five_queries(
    user, frozen, auth_client, django_assert_max_num_queries, months
) -> None:
    """By month and by id, with no allocations, with last month open and not over
    (nothing to close, nothing read twice), and with last month closed."""
    plans = [plan_with(user, month=m, allocations=a) for m, a in months.items()]
    plan = plans[-1]
    BudgetService.close_finished_months()  # closes October
    for url in (
        f"/api/budgets/summary/?month={plan.month}",
        f"/api/budgets/{plan.pk}/summary/",
    ):
        with django_assert_max_num_queries(5):
            assert auth_client.get(url).status_code == 200
