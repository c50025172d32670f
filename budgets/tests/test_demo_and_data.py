"""The demo seed, the data protocol (export, erase) and the admin pages."""

from decimal import Decimal

import pytest

from budgets import demo
from budgets import userdata as app_data
from budgets.models import BudgetAlertModel, BudgetModel, CategoryPreferenceModel
from budgets.services import BudgetService
from budgets.tests.factories import PreferenceFactory, plan_with
from expenses import demo as expenses_demo
from mysphere_core import userdata

pytestmark = pytest.mark.django_db


def test_demo_seeds_four_plans_with_rollover(user, frozen) -> None:
    """Four months generated to the cent, past ones closed, summary readable."""
    expenses_demo.seed(user)
    assert demo.seed(user) == "4 monthly plans (2026-08 to 2026-11)"
    plans = BudgetModel.objects.filter(user=user).order_by("month")
    assert [p.closed_at is not None for p in plans] == [True, True, True, False]
    summary = BudgetService.summary(user=user)
    assert summary["total_spent"] > 0
    groceries = next(c for c in summary["categories"] if c["category"] == "Groceries")
    assert groceries["rollover"] == "unspent"
    for plan in plans:
        total = sum(a.allocated_amount for a in plan.allocations.all())
        assert total + plan.savings_goal_amount == plan.total_income


def test_export_and_erase(user, other_user, frozen) -> None:
    """Every table with the user's rows (soft-deleted too); erase removes them
    children first and leaves others' rows."""
    plan = plan_with(user, allocations={"Travel": "10.00"})
    gone = plan_with(user, month="2026-10")
    BudgetService.delete(user=user, pk=gone.pk)
    PreferenceFactory(user=user)
    BudgetAlertModel.objects.create(
        budget=plan,
        category="Travel",
        kind="threshold",
        spent=Decimal("9"),
        available=Decimal("10"),
        percent_used=Decimal("90.0"),
    )
    plan_with(other_user, allocations={"Travel": "10.00"})
    exported = app_data.export_tables(user=user)
    assert {table: qs.count() for table, qs in exported.items()} == {
        "budgets": 2,
        "budget_allocations": 1,
        "budget_alerts": 1,
        "budget_category_preferences": 1,
    }
    assert list(userdata.rows(exported["budgets"]))[0]["month"] == "2026-11"
    erased = app_data.erase(user=user)
    assert erased == {
        "budget_alerts": 1,
        "budget_allocations": 1,
        "budgets": 2,
        "budget_category_preferences": 1,
    }
    assert BudgetModel.objects.filter(user=other_user).count() == 1
    assert not CategoryPreferenceModel.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/budgets/budgetmodel/",
        "/admin/budgets/budgetmodel/?q=alice",
        "/admin/budgets/categorypreferencemodel/",
        "/admin/budgets/budgetalertmodel/",
    ],
)
def test_admin_lists(admin_client, user, url) -> None:
    """The admin lists answer with the rows."""
    plan_with(user, allocations={"Travel": "10.00"})
    PreferenceFactory(user=user)
    assert admin_client.get(url).status_code == 200


def test_admin_plan_page_is_read_only_money(admin_client, user) -> None:
    """A plan's page shows its allocations; amounts are not editable."""
    plan = plan_with(user, allocations={"Travel": "10.00"})
    html = admin_client.get(f"/admin/budgets/budgetmodel/{plan.pk}/change/").content
    assert b"Travel" in html
    assert b'name="total_income"' not in html
