"""check_purchase (the seed's examples, with and without renewals still due),
the rule-based purchase advice, and reallocation suggestions."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.models import BudgetModel
from budgets.services import BudgetService
from budgets.tests.factories import plan_with
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import NotFoundError
from subscriptions.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db
D = Decimal
NOV = date(2026, 11, 5)


def spend(user, category, amount, day=NOV, **extra) -> None:
    """One expense of the user."""
    ExpenseFactory(
        user=user, category=category, amount=D(amount), transaction_date=day, **extra
    )


def netflix(user, next_billing: date, **extra):
    """A monthly streaming subscription (recorded as Entertainment expenses)."""
    return SubscriptionFactory(
        user=user,
        name="Netflix",
        provider="Netflix",
        amount=D("15.49"),
        start_date=date(2026, 1, next_billing.day),
        next_billing_date=next_billing,
        **extra,
    )


class TestCheckPurchase:
    def test_seed_dining_example(self, user, frozen) -> None:
        """Available 150, spent 100, amount 200: does not fit, 50 remain, 133.3 %
        of the category, exceeds by 150."""
        plan_with(user, allocations={"Food & Dining": "150.00"})
        spend(user, "Food & Dining", "100.00")
        result = BudgetService.check_purchase(
            user=user, amount=D("200.00"), category="Food & Dining"
        )
        assert result["fits_budget"] is False
        assert result["remaining_in_category"] == D("50.00")
        assert result["percentage_of_category"] == Decimal("133.3")
        assert result["exceeds_by"] == D("150.00")
        assert result["warning"] == (
            "This exceeds your Food & Dining budget by 150.00 USD."
        )
        assert result["alternative_options"][:2] == [
            "Cook at home this week instead of eating out.",
            "Spend at most 50.00 now and the rest after the budget resets in 2026-12.",
        ]
        assert result["upcoming_renewals_in_category"] == []

    def test_seed_entertainment_example(self, user, frozen) -> None:
        """Available 100, nothing spent, 500: 500.0 %, exceeds by 400."""
        plan_with(user, allocations={"Entertainment": "100.00", "Utilities": "900.00"})
        result = BudgetService.check_purchase(
            user=user, amount=D("500.00"), category="Entertainment"
        )
        assert result["percentage_of_category"] == 500.0
        assert result["exceeds_by"] == D("400.00")
        assert result["fits_budget"] is False
        assert "by 400.00 USD" in result["warning"]

    def test_fits_with_a_threshold_warning(self, user, frozen) -> None:
        """A purchase that fits but passes the alert threshold says so."""
        plan_with(user, allocations={"Groceries": "400.00"})
        spend(user, "Groceries", "250.00")
        result = BudgetService.check_purchase(
            user=user, amount=D("100.00"), category="Groceries"
        )
        assert result["fits_budget"] is True
        assert result["exceeds_by"] == D("0.00")
        assert result["remaining_after_purchase"] == D("50.00")
        assert result["warning"] == (
            "This would take Groceries to 87.5% of its budget (you are alerted at 80%)."
        )
        assert result["alternative_options"] == []

    def test_renewals_still_due_are_subtracted_first(
        self, user, other_user, frozen
    ) -> None:
        """Netflix renews on the 28th (Entertainment): 15.49 is taken off what
        remains; renewals already paid, past, in another currency or another
        user's are not."""
        plan_with(user, allocations={"Entertainment": "100.00"})
        netflix(user, date(2026, 11, 28))
        netflix(user, date(2026, 12, 28))  # this month's cycle is paid
        netflix(user, date(2026, 11, 28), currency="EUR")
        netflix(other_user, date(2026, 11, 28))
        SubscriptionFactory(
            user=user,
            name="Spotify",
            provider="Spotify",
            amount=D("9.99"),
            start_date=date(2026, 1, 10),
            next_billing_date=date(2026, 11, 10),
        )  # overdue since the 10th: not "still due this month"
        result = BudgetService.check_purchase(
            user=user, amount=D("90.00"), category="Entertainment"
        )
        assert result["upcoming_renewals_total"] == D("15.49")
        assert result["remaining_in_category"] == D("84.51")
        assert result["fits_budget"] is False
        assert result["exceeds_by"] == D("5.49")
        assert "after 15.49 of renewals still due: Netflix" in result["warning"]
        [renewal] = result["upcoming_renewals_in_category"]
        assert renewal["due_date"] == date(2026, 11, 28)
        assert renewal["amount"] == D("15.49")
        without = BudgetService.check_purchase(
            user=user, amount=D("90.00"), category="Shopping"
        )
        assert without["upcoming_renewals_total"] == D("0.00")
        assert without["percentage_of_category"] is None

    def test_month_and_bad_input(self, user, frozen, auth_client) -> None:
        """No plan for the month: 404; bad fields: 400 naming them."""
        with pytest.raises(NotFoundError):
            BudgetService.check_purchase(user=user, amount=D("1"), category="Travel")
        for body, field in (
            ({"amount": "-1", "category": "Travel"}, "amount"),
            ({"amount": "0", "category": "Travel"}, "amount"),
            ({"amount": "1.234", "category": "Travel"}, "amount"),
            ({"amount": "1", "category": "Pets"}, "category"),
            ({"amount": "1", "category": "Travel", "month": "2026-1"}, "month"),
        ):
            resp = auth_client.post("/api/budgets/check_purchase/", body, format="json")
            assert resp.status_code == 400
            assert field in resp.json()


class TestAdviceFallback:
    """Without an AI key the rules answer the seed's examples sensibly."""

    def test_playstation_with_100_left_is_dont_buy(self, user, frozen) -> None:
        plan_with(user, allocations={"Entertainment": "100.00", "Utilities": "1500.00"})
        advice = BudgetService.purchase_advice(
            user=user, item_description="PlayStation 5", amount=D("500.00")
        )
        assert advice["decision"] == "dont_buy"
        assert advice["category"] == "Entertainment"
        assert advice["necessity_score"] == 3
        assert "400.00" in advice["reason"] and "500.0%" in advice["reason"]
        assert advice["check"]["exceeds_by"] == D("400.00")
        assert advice["source"] == "fallback"
        assert advice["alternative_suggestions"]

    def test_iphone_with_room_left_waits_naming_the_share(self, user, frozen) -> None:
        plan_with(
            user,
            allocations={
                "Shopping": "1500.00",
                "Utilities": "1000.00",
                "Groceries": "500.00",
            },
        )
        advice = BudgetService.purchase_advice(
            user=user, item_description="New iPhone 15 Pro", amount=D("1199.00")
        )
        assert advice["decision"] == "wait"
        assert advice["category"] == "Shopping"
        assert "40.0% of this month's budget of 3,000.00 USD" in advice["reason"]
        assert advice["check"]["fits_budget"] is True

    def test_groceries_within_budget_is_buy(self, user, frozen) -> None:
        plan_with(user, allocations={"Groceries": "400.00"})
        spend(user, "Groceries", "100.00")
        advice = BudgetService.purchase_advice(
            user=user,
            item_description="Weekly grocery shopping at Whole Foods",
            amount=D("80.00"),
        )
        assert advice["decision"] == "buy"
        assert advice["category"] == "Groceries"
        assert advice["reason"] == (
            "Weekly grocery shopping at Whole Foods fits: 300.00 USD remain in "
            "Groceries."
        )
        assert advice["impact_on_budget"] == (
            "Leaves Groceries with 220.00 USD and 220.00 USD for the rest of 2026-11."
        )

    def test_an_essential_over_its_category_is_bought_from_the_month(
        self, user, frozen
    ) -> None:
        plan_with(user, allocations={"Health": "50.00", "Entertainment": "300.00"})
        advice = BudgetService.purchase_advice(
            user=user, item_description="dentist", amount=D("120.00")
        )
        assert advice["decision"] == "buy"
        assert "Move 70.00 from Entertainment (300.00 left) to Health." in (
            advice["alternative_suggestions"]
        )

    def test_a_want_a_little_over_waits(self, user, frozen) -> None:
        plan_with(user, allocations={"Shopping": "100.00", "Utilities": "500.00"})
        spend(user, "Shopping", "40.00")
        advice = BudgetService.purchase_advice(
            user=user, item_description="winter jacket", amount=D("80.00")
        )
        assert advice["decision"] == "wait"

    def test_a_need_beyond_the_month_comes_out_of_the_savings_goal(
        self, user, frozen
    ) -> None:
        """Health has 50 left, the month 50: a 300 dentist bill is bought with
        250 from the savings goal of 500; without a goal it waits."""
        plan = plan_with(
            user, allocations={"Health": "50.00", "Entertainment": "100.00"}
        )
        spend(user, "Entertainment", "100.00")
        BudgetModel.objects.filter(pk=plan.pk).update(savings_goal_amount=D("500.00"))
        advice = BudgetService.purchase_advice(
            user=user, item_description="dentist", amount=D("300.00")
        )
        assert advice["decision"] == "buy"
        assert advice["check"]["savings_goal_amount"] == D("500.00")
        assert (
            "250.00 USD of it would come out of this month's savings goal of "
            "500.00 USD" in advice["reason"]
        )
        BudgetModel.objects.filter(pk=plan.pk).update(savings_goal_amount=D("0.00"))
        advice = BudgetService.purchase_advice(
            user=user, item_description="dentist bill", amount=D("300.00")
        )
        assert advice["decision"] == "wait"
        assert "the whole month has only 50.00 USD left." in advice["reason"]

    def test_a_want_the_month_cannot_pay_for_waits_to_spare_savings(
        self, user, frozen
    ) -> None:
        """Shopping has room but Food & Dining is 950 over: the month has 50 left,
        so a 120 jacket would take 70 from the savings goal: wait."""
        plan = plan_with(
            user, allocations={"Shopping": "1000.00", "Food & Dining": "100.00"}
        )
        BudgetModel.objects.filter(pk=plan.pk).update(savings_goal_amount=D("400.00"))
        spend(user, "Food & Dining", "1050.00")
        advice = BudgetService.purchase_advice(
            user=user, item_description="winter jacket", amount=D("120.00")
        )
        assert advice["decision"] == "wait"
        assert advice["check"]["fits_budget"] is True
        assert (
            "70.00 USD would come out of your savings goal of 400.00."
            in advice["reason"]
        )

    def test_without_a_plan(self, user, frozen) -> None:
        """A need is bought, a want waits until there is a plan; the category
        given wins over the guess."""
        need = BudgetService.purchase_advice(
            user=user, item_description="electricity bill", amount=D("90.00")
        )
        assert (need["decision"], need["check"]) == ("buy", None)
        want = BudgetService.purchase_advice(
            user=user, item_description="thing", amount=D("90.00"), category="Travel"
        )
        assert (want["decision"], want["category"]) == ("wait", "Travel")

    def test_over_http(self, frozen, auth_client) -> None:
        """The route renders the figures; bad input names the field."""
        resp = auth_client.post(
            "/api/budgets/purchase_advice/",
            {"description": "PlayStation 5", "amount": "500"},
            format="json",
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["decision"] == "wait"
        assert body["amount"] == "500.00"
        assert body["fallback_used"] is True
        bad = auth_client.post(
            "/api/budgets/purchase_advice/", {"amount": "5"}, format="json"
        )
        assert bad.status_code == 400
        assert "description" in bad.json()


class TestCategoriesTheSameWayEverywhere:
    def test_a_slug_and_an_own_category_in_a_plan_and_a_purchase_check(
        self, frozen, auth_client
    ) -> None:
        own = {"name": "Housing"}
        assert auth_client.post("/api/expenses/categories/", own).status_code == 201
        allocations = [
            {"category": "food-dining", "allocated_amount": "150.00"},
            {"category": "housing", "allocated_amount": "900.00"},
        ]
        plan = auth_client.post(
            "/api/budgets/",
            {"month": "2026-11", "total_income": "3000.00", "allocations": allocations},
            format="json",
        )
        assert plan.status_code == 201, plan.json()
        names = sorted(a["category"] for a in plan.json()["allocations"])
        assert names == ["Food & Dining", "Housing"]
        for category in ("food-dining", "HOUSING"):
            check = auth_client.post(
                "/api/budgets/check_purchase/",
                {"amount": "50.00", "category": category},
                format="json",
            )
            assert check.status_code == 200, check.json()
        assert check.json()["category"] == "Housing"
        advice = auth_client.post(
            "/api/budgets/purchase_advice/",
            {"description": "A new sofa", "amount": "50.00", "category": "housing"},
            format="json",
        )
        assert advice.json()["category"] == "Housing"


class TestSuggestions:
    def test_overspent_covered_lowest_necessity_first_exactly(
        self, user, frozen
    ) -> None:
        """Groceries (9) is covered before Food & Dining (5), both from
        Entertainment (3) first; nobody gives more than it has left."""
        plan_with(
            user,
            allocations={
                "Food & Dining": "200.00",
                "Groceries": "300.00",
                "Entertainment": "100.00",
                "Shopping": "100.00",
                "Utilities": "200.00",
            },
        )
        for category, amount in (
            ("Food & Dining", "240.00"),
            ("Groceries", "330.00"),
            ("Entertainment", "20.00"),
            ("Shopping", "90.00"),
            ("Utilities", "100.00"),
        ):
            spend(user, category, amount)
        result = BudgetService.suggestions(user=user)
        assert [
            (m["from_category"], m["to_category"], m["amount"])
            for m in result["suggestions"]
        ] == [
            ("Entertainment", "Groceries", D("30.00")),
            ("Entertainment", "Food & Dining", D("40.00")),
        ]
        assert result["suggestions"][1]["message"].startswith(
            "Move 40.00 from Entertainment to Food & Dining"
        )
        assert result["uncovered"] == []

    def test_what_cannot_be_covered_is_reported(self, user, frozen) -> None:
        """Donors are emptied in necessity order down to what they spent."""
        plan_with(
            user,
            allocations={
                "Food & Dining": "100.00",
                "Entertainment": "100.00",
                "Shopping": "100.00",
                "Utilities": "200.00",
            },
        )
        for category, amount in (
            ("Food & Dining", "300.00"),
            ("Entertainment", "50.00"),
            ("Shopping", "90.00"),
            ("Utilities", "100.00"),
        ):
            spend(user, category, amount)
        result = BudgetService.suggestions(user=user)
        assert [(m["from_category"], m["amount"]) for m in result["suggestions"]] == [
            ("Entertainment", D("50.00")),
            ("Shopping", D("10.00")),
            ("Utilities", D("100.00")),
        ]
        assert result["uncovered"] == [
            {"category": "Food & Dining", "amount": D("40.00")}
        ]
