"""Admin: plans with their allocations and alerts, and users' category rankings.

Staff look and search; the money of a plan changes only through the API, whose
service keeps allocations within income and announces every change, so amounts,
months and rollover balances are read-only here.
"""

from django.contrib import admin

from budgets.models import (
    BudgetAlertModel,
    BudgetAllocationModel,
    BudgetModel,
    CategoryPreferenceModel,
)
from mysphere_core.admin import ReadOnly, register_read_only


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    """An inline staff can read but not change."""

    extra = 0
    can_delete = False


class AllocationInline(ReadOnlyInline):
    """The plan's allocations."""

    model = BudgetAllocationModel
    fields = (
        "category",
        "allocated_amount",
        "alert_threshold_percent",
        "rollover",
        "closing_balance",
        "is_active",
    )
    readonly_fields = fields


class AlertInline(ReadOnlyInline):
    """The thresholds the plan's categories crossed."""

    model = BudgetAlertModel
    fields = ("category", "kind", "spent", "available", "percent_used", "created_at")
    readonly_fields = fields


@admin.register(BudgetModel)
class BudgetAdmin(admin.ModelAdmin):
    """Plans, filterable by month, currency and state."""

    list_display = (
        "budget_id",
        "user",
        "month",
        "currency",
        "total_income",
        "savings_goal_amount",
        "closed_at",
        "is_active",
    )
    list_filter = ("currency", "is_active", ("closed_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username", "user__email", "month")
    list_select_related = ("user",)
    ordering = ("-month", "-budget_id")
    readonly_fields = (
        "user",
        "month",
        "previous_month",
        "currency",
        "total_income",
        "savings_goal_amount",
        "closed_at",
        "created_at",
        "updated_at",
    )
    inlines = (AllocationInline, AlertInline)


@admin.register(CategoryPreferenceModel)
class CategoryPreferenceAdmin(admin.ModelAdmin):
    """Users' own necessity scores and monthly limits."""

    list_display = ("user", "category", "necessity_score", "monthly_limit", "is_active")
    list_filter = ("category", "necessity_score", "is_active")
    search_fields = ("user__username",)
    list_select_related = ("user",)
    readonly_fields = ("user", "category", "created_at", "updated_at")


@admin.register(BudgetAlertModel)
class BudgetAlertAdmin(admin.ModelAdmin):
    """Threshold alerts announced, one per plan, category and kind."""

    list_display = ("budget", "category", "kind", "percent_used", "created_at")
    list_filter = ("kind", "category")
    search_fields = ("budget__user__username", "budget__month")
    list_select_related = ("budget", "budget__user")
    readonly_fields = (
        "budget",
        "category",
        "kind",
        "spent",
        "available",
        "percent_used",
        "created_at",
        "updated_at",
        "is_active",
    )


register_read_only(
    BudgetAllocationModel,
    list_display=("budget", "category", "allocated_amount", "rollover", "is_active"),
    list_filter=("category", "rollover", "is_active"),
    search_fields=("budget__month", "budget__user__username"),
)
