"""The budgets feature's part of the data protocol (`mysphere_core.userdata`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from budgets.models import (
    BudgetAlertModel,
    BudgetAllocationModel,
    BudgetModel,
    CategoryPreferenceModel,
)
from mysphere_core import userdata


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every table with the user's rows, soft-deleted ones included."""
    return {
        "budgets": BudgetModel.objects.filter(user=user),
        "budget_allocations": BudgetAllocationModel.objects.filter(budget__user=user),
        "budget_alerts": BudgetAlertModel.objects.filter(budget__user=user),
        "budget_category_preferences": CategoryPreferenceModel.objects.filter(
            user=user
        ),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete the user's rows, children first."""
    return userdata.erase_querysets(
        BudgetAlertModel.objects.filter(budget__user=user),
        BudgetAllocationModel.objects.filter(budget__user=user),
        BudgetModel.objects.filter(user=user),
        CategoryPreferenceModel.objects.filter(user=user),
    )
