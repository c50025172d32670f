"""Admin: plans with their allocations and alerts, and users' category rankings.

Staff look and search; the money of a plan changes only through the API, whose
service keeps allocations within income and announces every change, so amounts,
months and rollover balances are read-only here.
"""

from django.contrib import admin
from django.http import HttpRequest

from budgets.models import (
    BudgetAlertModel,
    BudgetAllocationModel,
    BudgetModel,
    CategoryPreferenceModel,
)


class ReadOnlyInline(admin.TabularInline):
    """An inline staff can read but not change."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Rows are added through the API."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Rows change through the API."""
        return False


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
