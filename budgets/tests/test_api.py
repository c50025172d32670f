"""The budgets API: the kit's generated route checks, then plans over HTTP."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.models import BudgetAllocationModel, BudgetModel
from budgets.tests.factories import BudgetFactory, plan_with
from expenses.models import EXPENSE_CATEGORIES
from expenses.tests.factories import ExpenseFactory
from mysphere_core.testing import FeatureAPITests
from users.services import UserService

pytestmark = pytest.mark.django_db


def _current_plan(user) -> BudgetModel:
    """The user's plan of their current month (made once, every category
    allocated), with one more expense each call."""
    today = UserService.today_for(user=user)
    month = f"{today:%Y-%m}"
    plan = BudgetModel.objects.filter(user=user, month=month).first()
    if plan is None:
        plan = plan_with(
            user,
            month=month,
            allocations=dict.fromkeys(EXPENSE_CATEGORIES, "100.00"),
        )
    ExpenseFactory(user=user, transaction_date=today, amount=Decimal("30.00"))
    return plan


class TestBudgetRoutes(FeatureAPITests):
    """Health, 401s, other users' 404s, query bounds and soft delete, generated."""

    feature = "budgets"
    factories = {
        "budget": lambda user: plan_with(
            user,
            month=BudgetFactory.month.function(BudgetFactory._meta.next_sequence()),
            allocations={"Groceries": "300.00", "Travel": "100.00"},
        ),
        "budget-summary": _current_plan,
        "budget-suggestions": _current_plan,
    }
    url_kwargs = {"category": "Groceries"}
    list_bounds = {
        "budget-list": 4,  # user, count, page, allocations (prefetched)
        "budget-categories": 2,  # user, preferences
        # user, profile, allocations of this and last month with their plans,
        # rollups, ranking: whatever the number of categories and expenses
        "budget-summary": 5,
        "budget-suggestions": 5,
    }


@pytest.fixture
def client(frozen, auth_client):
    """Alice's client, time frozen at 2026-11-22."""
    return auth_client


def _body(**changes):
    body = {
        "month": "2026-11",
        "total_income": "3000.00",
        "savings_goal_amount": "500.00",
        "allocations": [
            {"category": "Groceries", "allocated_amount": "400.00"},
            {
                "category": "Entertainment",
                "allocated_amount": "100.00",
                "alert_threshold_percent": 90,
                "rollover": "unspent",
            },
        ],
    }
    body.update(changes)
    return body


class TestPlans:
    def test_create_with_allocations(self, client, user) -> None:
        """201 with the plan, its allocations and what is left to allocate."""
        resp = client.post("/api/budgets/", _body(), format="json")
        assert resp.status_code == 201, resp.json()
        body = resp.json()
        assert body["month"] == "2026-11"
        assert body["currency"] == "USD"
        assert body["total_allocated"] == "500.00"
        assert body["unallocated"] == "2000.00"
        entertainment = body["allocations"][0]
        assert entertainment == {
            "category": "Entertainment",
            "allocated_amount": "100.00",
            "alert_threshold_percent": 90,
            "rollover": "unspent",
            "closing_balance": None,
        }
        assert body["allocations"][1]["alert_threshold_percent"] == 80
        assert body["allocations"][1]["rollover"] == "none"

    def test_allocations_over_income_name_the_overage(self, client) -> None:
        """Allocations plus savings over income: 400 on allocations, nothing saved."""
        body = _body(
            total_income="3500.00",
            allocations=[
                {"category": "Groceries", "allocated_amount": "3000.00"},
                {"category": "Travel", "allocated_amount": "250.00"},
            ],
        )
        resp = client.post("/api/budgets/", body, format="json")
        assert resp.status_code == 400
        assert resp.json() == {
            "allocations": [
                "Allocations total 3,250.00 but income minus savings is "
                "3,000.00: 250.00 over."
            ]
        }
        assert not BudgetModel.objects.exists()

    def test_second_plan_for_a_month_is_a_400(self, client) -> None:
        """One live plan per month; a deleted one frees the month."""
        first = client.post("/api/budgets/", _body(), format="json").json()
        resp = client.post("/api/budgets/", _body(), format="json")
        assert resp.status_code == 400
        assert resp.json() == {"month": ["You already have a budget for 2026-11."]}
        client.delete(f"/api/budgets/{first['budget_id']}/")
        assert client.post("/api/budgets/", _body(), format="json").status_code == 201

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"month": "2026-13"}, "month"),
            ({"month": "26-11"}, "month"),
            ({"month": "1899-12"}, "month"),
            ({"month": "3000-01"}, "month"),
            ({"total_income": "-1.00"}, "total_income"),
            ({"total_income": "10.005"}, "total_income"),
            ({"savings_goal_amount": "3500.00"}, "savings_goal_amount"),
            ({"currency": "XXX"}, "currency"),
            ({"colour": "red"}, "colour"),
            ({"total_income": "0", "savings_goal_amount": "0"}, "allocations"),
            (
                {"allocations": [{"category": "Pets", "allocated_amount": "1"}]},
                "allocations",
            ),
            (
                {
                    "allocations": [
                        {"category": "Travel", "allocated_amount": "1"},
                        {"category": "Travel", "allocated_amount": "2"},
                    ]
                },
                "allocations",
            ),
            (
                {"allocations": [{"category": "Travel", "allocated_amount": "-5"}]},
                "allocations",
            ),
            (
                {
                    "allocations": [
                        {
                            "category": "Travel",
                            "allocated_amount": "5",
                            "alert_threshold_percent": 0,
                        }
                    ]
                },
                "allocations",
            ),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, client, changes, field) -> None:
        """Every bad value is a 400 whose body names the field."""
        resp = client.post("/api/budgets/", _body(**changes), format="json")
        assert resp.status_code == 400, resp.json()
        assert field in resp.json()

    def test_duplicate_category_message(self, client) -> None:
        """The message says which category came twice."""
        body = _body(
            allocations=[
                {"category": "Travel", "allocated_amount": "1"},
                {"category": "Travel", "allocated_amount": "2"},
            ]
        )
        resp = client.post("/api/budgets/", body, format="json")
        assert resp.json() == {
            "allocations": ["Travel is allocated twice; give each category once."]
        }

    def test_put_replaces_allocations_atomically(self, client) -> None:
        """Given allocations replace the plan's; a removed one is switched off and a
        re-added one comes back; a failing update changes nothing."""
        plan = client.post("/api/budgets/", _body(), format="json").json()
        url = f"/api/budgets/{plan['budget_id']}/"
        new = [{"category": "Travel", "allocated_amount": "200.00"}]
        resp = client.put(url, _body(allocations=new), format="json")
        assert resp.status_code == 200
        assert [a["category"] for a in resp.json()["allocations"]] == ["Travel"]
        again = [{"category": "Groceries", "allocated_amount": "50.00"}]
        resp = client.put(url, _body(allocations=again), format="json")
        assert [a["category"] for a in resp.json()["allocations"]] == ["Groceries"]
        assert (
            BudgetAllocationModel.objects.filter(budget_id=plan["budget_id"]).count()
            == 3
        )
        too_much = [{"category": "Shopping", "allocated_amount": "2600.00"}]
        resp = client.patch(url, {"allocations": too_much}, format="json")
        assert resp.status_code == 400
        assert client.get(url).json()["allocations"][0]["category"] == "Groceries"

    def test_lowering_income_below_allocations_is_a_400(self, client) -> None:
        """The rule holds for the plan's own allocations too."""
        plan = client.post("/api/budgets/", _body(), format="json").json()
        resp = client.patch(
            f"/api/budgets/{plan['budget_id']}/",
            {"total_income": "600.00"},
            format="json",
        )
        assert resp.status_code == 400
        assert "allocations" in resp.json()

    def test_filters_month_and_year(self, client, user) -> None:
        """`?month=` and `?year=` narrow the list; bad values are 400s."""
        for month in ("2025-12", "2026-01", "2026-02"):
            BudgetFactory(user=user, month=month)

        def months(query: str) -> list[str]:
            body = client.get(f"/api/budgets/{query}").json()
            return [plan["month"] for plan in body["results"]]

        assert months("?year=2026") == ["2026-02", "2026-01"]
        assert months("?month=2025-12") == ["2025-12"]
        assert client.get("/api/budgets/?month=2025-13").status_code == 400
        assert client.get("/api/budgets/?year=abc").status_code == 400
        assert client.get("/api/budgets/?year=3001").status_code == 400

    def test_other_users_plans_are_invisible(self, client, other_user) -> None:
        """Bob's plan is neither listed nor reachable."""
        bobs = BudgetFactory(user=other_user, month="2026-11")
        assert client.get("/api/budgets/").json()["count"] == 0
        assert client.get(f"/api/budgets/{bobs.pk}/summary/").status_code == 404


class TestSummaryRoutes:
    def test_summary_of_a_month_without_plan_is_a_clear_404(self, client) -> None:
        """404 naming the month."""
        resp = client.get("/api/budgets/summary/?month=2026-10")
        assert resp.status_code == 404
        assert "2026-10" in resp.json()["detail"]

    def test_summary_by_month_and_by_id_agree(self, client, user) -> None:
        """Both routes give the same figures; money as strings."""
        plan = plan_with(user, allocations={"Groceries": "400.00"})
        ExpenseFactory(user=user, category="Groceries", amount=Decimal("100.00"))
        by_month = client.get("/api/budgets/summary/").json()
        by_id = client.get(f"/api/budgets/{plan.pk}/summary/").json()
        assert by_month == by_id
        assert by_month["total_spent"] == "100.00"
        assert by_month["categories"][0]["percent_used"] == "25.0"

    def test_bad_month_query_is_a_400(self, client) -> None:
        """`?month=` that is not YYYY-MM is a 400 on month."""
        resp = client.get("/api/budgets/summary/?month=november")
        assert resp.status_code == 400
        assert "month" in resp.json()

    def test_close_route(self, client, user) -> None:
        """POST close freezes the closing balances and says so."""
        plan = plan_with(user, month="2026-10", allocations={"Travel": "50.00"})
        ExpenseFactory(
            user=user,
            category="Travel",
            amount=Decimal("20"),
            transaction_date=date(2026, 10, 3),
        )
        resp = client.post(f"/api/budgets/{plan.pk}/close/")
        assert resp.status_code == 200
        assert resp.json()["closed_at"]
        assert resp.json()["allocations"][0]["closing_balance"] == "30.00"
        patch = client.patch(
            f"/api/budgets/{plan.pk}/", {"total_income": "10.00"}, format="json"
        )
        assert patch.status_code == 400
        assert patch.json()["code"] == "budget_closed"
        notes = client.patch(f"/api/budgets/{plan.pk}/", {"notes": "ok"}, format="json")
        assert notes.status_code == 200


class TestCategoryRoutes:
    def test_list_update_reset(self, client) -> None:
        """Nine categories with the defaults; PUT by name or slug; reset."""
        rows = client.get("/api/budgets/categories/").json()["results"]
        assert [r["category"] for r in rows][:2] == ["Food & Dining", "Groceries"]
        groceries = next(r for r in rows if r["category"] == "Groceries")
        assert groceries == {
            "category": "Groceries",
            "necessity_score": 9,
            "monthly_limit": None,
            "default_necessity_score": 9,
            "default_allocation_percent": "15.00",
            "is_need": True,
            "is_custom": False,
        }
        resp = client.put(
            "/api/budgets/categories/food-dining/",
            {"necessity_score": 8, "monthly_limit": "250.00"},
            format="json",
        )
        assert resp.status_code == 200
        assert resp.json()["necessity_score"] == 8
        assert resp.json()["is_need"] is True
        resp = client.put(
            "/api/budgets/categories/Food%20%26%20Dining/",
            {"monthly_limit": None},
            format="json",
        )
        assert resp.json()["monthly_limit"] is None
        assert resp.json()["necessity_score"] == 8
        reset = client.post("/api/budgets/categories/reset/").json()
        assert (
            next(r for r in reset if r["category"] == "Food & Dining")[
                "necessity_score"
            ]
            == 5
        )

    @pytest.mark.parametrize(
        ("path", "body", "field"),
        [
            ("Pets", {"necessity_score": 5}, "category"),
            ("Groceries", {"necessity_score": 11}, "necessity_score"),
            ("Groceries", {"necessity_score": 0}, "necessity_score"),
            ("Groceries", {"monthly_limit": "-3"}, "monthly_limit"),
            ("Groceries", {}, "necessity_score"),
        ],
    )
    def test_bad_updates(self, client, path, body, field) -> None:
        """400 naming the field."""
        resp = client.put(f"/api/budgets/categories/{path}/", body, format="json")
        assert resp.status_code == 400
        assert field in resp.json()


def test_reset_is_not_read_as_a_category(frozen, auth_client) -> None:
    """`categories/reset/` is the reset action (POST), never a category named reset."""
    assert auth_client.post("/api/budgets/categories/reset/").status_code == 200
    assert auth_client.put("/api/budgets/categories/reset/", {}).status_code == 405


def test_summary_query_parameters(frozen, auth_client, user) -> None:
    """`?format=json` is not a filter; an unknown parameter is a 400 naming it."""
    plan_with(user, allocations={"Travel": "10.00"})
    assert auth_client.get("/api/budgets/summary/?format=json").status_code == 200
    resp = auth_client.get("/api/budgets/suggestions/?mnth=2026-11")
    assert resp.status_code == 400
    assert "mnth" in resp.json()


def test_options_on_every_kind_of_route(frozen, auth_client, user) -> None:
    """OPTIONS answers 200 on the category route (no plan id) and on a plan."""
    plan = plan_with(user, allocations={"Travel": "10.00"})
    assert auth_client.options("/api/budgets/categories/Groceries/").status_code == 200
    assert auth_client.options(f"/api/budgets/{plan.pk}/").status_code == 200
