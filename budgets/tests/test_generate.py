"""Plans from income: exact to the cent, limits respected, history weighed."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.categories import DEFAULTS, Ranking
from budgets.generator import generate
from budgets.models import BudgetModel
from budgets.services import BudgetService
from budgets.tests.factories import PreferenceFactory
from expenses.models import EXPENSE_CATEGORIES
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import InvalidInput

pytestmark = pytest.mark.django_db
D = Decimal


def _allocations(result) -> dict[str, Decimal]:
    return {row["category"]: row["allocated_amount"] for row in result["allocations"]}


@pytest.mark.parametrize(
    ("income", "savings"),
    [
        ("1000.01", "200.00"),
        ("3333.33", "666.67"),
        ("0.07", "0.01"),
        ("9999.99", "2000.00"),
    ],
)
def test_allocations_sum_to_income_minus_savings_to_the_cent(
    user, frozen, income, savings
) -> None:
    """Awkward incomes: savings 20 % rounded half up, the rest split exactly."""
    result = BudgetService.generate(user=user, month="2026-12", income=D(income))
    amounts = _allocations(result)
    assert result["savings_goal_amount"] == D(savings)
    assert sum(amounts.values()) == D(income) - D(savings)
    assert all(a == a.quantize(D("0.01")) and a >= 0 for a in amounts.values())
    assert result["needs_total"] + result["wants_total"] == D(income) - D(savings)
    assert result["dry_run"] is True
    assert not BudgetModel.objects.exists()


def test_needs_and_wants_split_50_30(user, frozen) -> None:
    """Without history: needs get 5/8 of what is not saved, in default shares."""
    result = BudgetService.generate(user=user, month="2026-12", income=D("4000.00"))
    amounts = _allocations(result)
    assert result["needs_total"] == D("2000.00")
    assert result["wants_total"] == D("1200.00")
    # Utilities 25 of the needs' 53 points of 2,000.00
    assert amounts["Utilities"] == D("943.39")  # the last cents go to larger remainders
    assert [r["group"] for r in result["allocations"]][:4] == ["need"] * 4


def test_monthly_limits_are_respected_and_the_rest_redistributed(user, frozen) -> None:
    """Capped categories get their limit; the others share what the cap freed."""
    PreferenceFactory(
        user=user, category="Utilities", necessity_score=10, monthly_limit=D("100.00")
    )
    PreferenceFactory(
        user=user, category="Entertainment", necessity_score=3, monthly_limit=D("0.00")
    )
    result = BudgetService.generate(user=user, month="2026-12", income=D("3333.33"))
    amounts = _allocations(result)
    assert amounts["Utilities"] == D("100.00")
    assert amounts["Entertainment"] == D("0.00")
    assert sum(amounts.values()) == D("2666.66")
    assert result["needs_total"] == D("1666.66")


def test_limits_nobody_can_exceed_go_to_savings(user, frozen) -> None:
    """When every category is capped, what is left is saved (and said)."""
    for category in EXPENSE_CATEGORIES:
        PreferenceFactory(
            user=user, category=category, necessity_score=5, monthly_limit=D("10.00")
        )
    result = BudgetService.generate(user=user, month="2026-12", income=D("1000.01"))
    assert set(_allocations(result).values()) == {D("10.00")}
    assert result["savings_goal_amount"] == D("910.01")
    assert "added to savings" in result["notes"][-1]


def test_last_three_months_pull_the_shares(user, frozen) -> None:
    """Half of each group's weight follows the last three months' spending (the
    plan's currency; older months and other currencies ignored)."""
    ExpenseFactory(
        user=user,
        category="Travel",
        amount=D("900"),
        transaction_date=date(2026, 10, 3),
    )
    ExpenseFactory(
        user=user, category="Travel", amount=D("900"), transaction_date=date(2026, 7, 3)
    )
    ExpenseFactory(
        user=user,
        category="Shopping",
        amount=D("900"),
        currency="EUR",
        transaction_date=date(2026, 10, 3),
    )
    plain = _allocations(
        BudgetService.generate(user=user, month="2026-11", income=D("3000"))
    )
    # without history: Travel 10 of 47 want points of 900.00 = 191.49
    assert plain["Travel"] > D("191.49")
    result = BudgetService.generate(user=user, month="2026-11", income=D("3000"))
    travel = next(r for r in result["allocations"] if r["category"] == "Travel")
    assert travel["last_three_months_average"] == D("300.00")
    # half of the wants' 900.00 follows Travel's whole history: 450 + 95.74(47)
    assert travel["allocated_amount"] == D("545.75")


def test_goals_and_savings_goal(user, frozen) -> None:
    """A "save N%" goal sets the savings (not one over 100 %); a given savings goal
    wins; one over the income is a 400 on savings_goal."""
    goal = BudgetService.generate(
        user=user, month="2026-12", income=D("2000"), goals=["Save 25% for a house"]
    )
    assert goal["savings_goal_amount"] == D("500.00")
    given = BudgetService.generate(
        user=user,
        month="2026-12",
        income=D("2000"),
        savings_goal=D("123.45"),
        goals=["save 25%"],
    )
    assert sum(_allocations(given).values()) == D("1876.55")
    with pytest.raises(InvalidInput) as error:
        BudgetService.generate(
            user=user, month="2026-12", income=D("100"), savings_goal=D("100.01")
        )
    assert "savings_goal" in error.value.detail
    whole = BudgetService.generate(
        user=user, month="2026-12", income=D("2000"), goals=["save 100%"]
    )
    assert whole["savings_goal_amount"] == D("2000.00")
    too_much = BudgetService.generate(
        user=user, month="2026-12", income=D("2000"), goals=["save 150%"]
    )
    assert too_much["savings_goal_amount"] == D("400.00")


def test_saving_creates_the_plan_once(user, frozen) -> None:
    """dry_run false saves the plan with the generated allocations; again is 400."""
    result = BudgetService.generate(
        user=user, month="2026-12", income=D("1000.01"), dry_run=False
    )
    plan = result["budget"]
    assert plan.month == "2026-12"
    assert plan.savings_goal_amount == D("200.00")
    assert sum(a.allocated_amount for a in plan.allocations.all()) == D("800.01")
    with pytest.raises(InvalidInput):
        BudgetService.generate(
            user=user, month="2026-12", income=D("1000"), dry_run=False
        )


def test_generate_over_http(frozen, auth_client) -> None:
    """200 for a preview, 201 with the saved plan; bad input names the field."""
    preview = auth_client.post(
        "/api/budgets/generate/",
        {"month": "2026-12", "income": "3333.33"},
        format="json",
    )
    assert preview.status_code == 200
    assert preview.json()["budget"] is None
    assert preview.json()["allocations"][0]["allocated_amount"] == "786.16"
    saved = auth_client.post(
        "/api/budgets/generate/",
        {"month": "2026-12", "income": "3333.33", "dry_run": False},
        format="json",
    )
    assert saved.status_code == 201
    assert saved.json()["budget"]["total_allocated"] == "2666.66"
    for body, field in (
        ({"month": "2026-12", "income": "0"}, "income"),
        ({"month": "12-2026", "income": "10"}, "month"),
        ({"month": "2026-12", "income": "10.001"}, "income"),
        ({"month": "2026-12", "income": "10", "goals": "save"}, "goals"),
    ):
        resp = auth_client.post("/api/budgets/generate/", body, format="json")
        assert resp.status_code == 400
        assert field in resp.json()


_CENTS = st.integers(min_value=0, max_value=10**8).map(lambda c: D(c) / 100)


@settings(max_examples=300, deadline=None)
@given(
    income=st.integers(min_value=0, max_value=10**10).map(lambda c: D(c) / 100),
    scores=st.lists(st.integers(1, 10), min_size=9, max_size=9),
    limits=st.lists(st.none() | _CENTS, min_size=9, max_size=9),
    history=st.lists(_CENTS, min_size=9, max_size=9),
    savings_percent=st.none() | st.integers(0, 100),
)
def test_any_income_limits_and_history_sum_exactly(
    income, scores, limits, history, savings_percent
) -> None:
    """Whatever the income, scores, limits and history: every allocation is whole
    cents, none passes its limit, and allocations plus savings are the income."""
    rankings = {
        c: Ranking(c, score, limit, DEFAULTS[c][0], DEFAULTS[c][1], True)
        for c, score, limit in zip(EXPENSE_CATEGORIES, scores, limits, strict=True)
    }
    savings = None
    if savings_percent is not None:
        savings = (income * savings_percent / 100).quantize(D("0.01"))
    result = generate(
        income=income,
        savings_goal=savings,
        goals=[],
        rankings=rankings,
        history=dict(zip(EXPENSE_CATEGORIES, history, strict=True)),
    )
    allocations = result["allocations"]
    assert sum(allocations.values()) + result["savings_goal_amount"] == income
    for category, amount in allocations.items():
        assert amount >= 0 and amount == amount.quantize(D("0.01"))
        limit = rankings[category].monthly_limit
        assert limit is None or amount <= limit
