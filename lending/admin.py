"""Admin: lending records, their repayments and reminders, for staff to look into.

Read-only: money between people changes only through `LendingService` (row locks,
status rules, events), so the admin lists, filters and searches but never edits.
"""

from datetime import date
from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from lending.models import (
    OPEN_STATUSES,
    LendingModel,
    LendingReminderModel,
    RepaymentModel,
)
from mysphere_core.admin import OverdueFilter, ReadOnlyAdmin


class RepaymentInline(admin.TabularInline):
    """A record's repayments, deleted ones included."""

    model = RepaymentModel
    extra = 0
    fields = ("repayment_id", "amount", "date", "method", "note", "is_active")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Repayments are added through the service."""
        return False


class LendingOverdueFilter(OverdueFilter):
    """Open records past their due date."""

    def late(self, today: date) -> Q:
        """Outstanding or partly repaid, due before today."""
        return Q(status__in=OPEN_STATUSES, due_date__lt=today)


@admin.register(LendingModel)
class LendingAdmin(ReadOnlyAdmin):
    """Records by person, status, currency and dates."""

    list_display = (
        "lending_id",
        "user",
        "direction",
        "counterparty_name",
        "amount",
        "repaid_amount",
        "outstanding",
        "currency",
        "status",
        "lent_date",
        "due_date",
        "is_active",
    )
    list_filter = (
        "direction",
        "status",
        LendingOverdueFilter,
        "currency",
        "is_active",
        "lent_date",
    )
    search_fields = (
        "counterparty_name",
        "description",
        "notes",
        "source_ref",
        "user__username",
        "user__email",
    )
    list_select_related = ("user",)
    date_hierarchy = "lent_date"
    inlines = (RepaymentInline,)
    list_per_page = 50


@admin.register(RepaymentModel)
class RepaymentAdmin(ReadOnlyAdmin):
    """Every repayment, with its record."""

    list_display = ("repayment_id", "lending", "amount", "date", "method", "is_active")
    list_filter = ("method", "is_active", "date")
    search_fields = ("lending__counterparty_name", "note", "lending__user__username")
    list_select_related = ("lending__user",)


@admin.register(LendingReminderModel)
class LendingReminderAdmin(ReadOnlyAdmin):
    """Reminders announced by the beat task (once per record, kind, due date)."""

    list_display = ("reminder_id", "lending", "kind", "due_date", "created_at")
    list_filter = ("kind", "due_date")
    list_select_related = ("lending__user",)
