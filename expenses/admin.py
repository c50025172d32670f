"""Admin: expenses filterable by category, day, currency; searchable; with totals.

Every write goes through `ExpenseService`: add and change run its validation (the
linked-expense rule included) and its writes announce the same events as the API's.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from expenses.models import (
    EXPENSE_CATEGORIES,
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
    ExpenseCategoryModel,
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from expenses.services import WRITABLE_FIELDS, ExpenseService
from mysphere_core.admin import register_read_only
from mysphere_core.errors import DomainError, InvalidInput

# Shown, never edited here: the owner, soft-deletion (actions), what the parser set.
READ_ONLY = (
    "ai_suggested_category",
    "confidence",
    "source_ref",
    "is_active",
    "created_at",
    "updated_at",
)
INACTIVE = "This expense is soft-deleted: restore it first (Restore selected expenses)."


def _service_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The form's values the service writes."""
    return {name: value for name, value in cleaned.items() if name in WRITABLE_FIELDS}


class ExpenseAdminForm(forms.ModelForm):
    """The model form with the nine categories as a drop-down, checked by the
    service's rules (the linked-expense rule included) before anything is saved."""

    category = forms.ChoiceField(choices=[(c, c) for c in EXPENSE_CATEGORIES])

    def clean(self) -> dict[str, Any]:
        """The service's validation of this add or change; errors on their fields."""
        cleaned = super().clean()
        adding = self.instance._state.adding
        owner = cleaned.get("user") if adding else self.instance.user
        if owner is None or self.errors:
            return cleaned
        if not (adding or self.instance.is_active):
            self.add_error(None, INACTIVE)
            return cleaned
        try:
            ExpenseService.validate(
                user=owner,
                data=_service_data(cleaned),
                pk=None if adding else self.instance.pk,
            )
        except InvalidInput as exc:
            self._add_service_errors(exc.detail)
        except DomainError as exc:  # the linked-expense rule, …
            self.add_error(None, exc.message)
        return cleaned

    def _add_service_errors(self, detail: Any) -> None:
        """A DRF field map as form errors (unknown fields as form-wide ones)."""
        items = detail.items() if isinstance(detail, dict) else [(None, detail)]
        for name, messages_ in items:
            field = name if name in self.fields else None
            for message in messages_ if isinstance(messages_, list) else [messages_]:
                self.add_error(field, str(message))

    class Meta:
        model = ExpenseModel
        fields = [
            "user",
            "amount",
            "currency",
            "category",
            "vendor",
            "transaction_date",
            "payment_method",
            "expense_type",
            "notes",
            "raw_text",
        ]


@admin.register(ExpenseModel)
class ExpenseAdmin(admin.ModelAdmin):
    """Every user's expenses for staff; totals per currency of the filtered rows."""

    form = ExpenseAdminForm
    list_display = (
        "expense_id",
        "user",
        "transaction_date",
        "amount",
        "currency",
        "category",
        "vendor",
        "payment_method",
        "expense_type",
        "is_active",
    )
    list_filter = (
        "category",
        "transaction_date",
        "currency",
        "payment_method",
        "expense_type",
        "is_active",
    )
    search_fields = ("vendor", "notes", "raw_text", "user__username", "user__email")
    list_select_related = ("user",)
    date_hierarchy = "transaction_date"
    raw_id_fields = ("user",)
    readonly_fields = READ_ONLY
    list_per_page = 50
    show_full_result_count = False
    actions = ("soft_delete_selected", "restore_selected")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        """The list, plus totals per currency of the active rows it shows."""
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["expense_totals"] = ExpenseService.totals_by_currency(
                queryset=context["cl"].queryset
            )
        return response

    def get_readonly_fields(
        self, request: HttpRequest, obj: ExpenseModel | None = None
    ) -> tuple[str, ...]:
        """The owner is chosen on add and fixed after."""
        return READ_ONLY if obj is None else ("user", *READ_ONLY)

    def save_model(
        self, request: HttpRequest, obj: ExpenseModel, form: Any, change: bool
    ) -> None:
        """Create or update through the service (its rules, its events)."""
        data = _service_data(form.cleaned_data)
        if change:
            saved = ExpenseService.update(user=obj.user, pk=obj.pk, data=data)
        else:
            saved = ExpenseService.create(user=obj.user, data=data)
        obj.pk = saved.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: ExpenseModel) -> None:
        """Delete for good (staff only), through the service."""
        ExpenseService.purge(expense_ids=[obj.pk])

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[ExpenseModel]
    ) -> None:
        """Bulk delete for good, through the service."""
        ExpenseService.purge(expense_ids=list(queryset.values_list("pk", flat=True)))

    @admin.action(description="Soft-delete selected expenses (hide from the user)")
    def soft_delete_selected(
        self, request: HttpRequest, queryset: QuerySet[ExpenseModel]
    ) -> None:
        """Set is_active=False, as DELETE in the API does."""
        ids = list(queryset.values_list("pk", flat=True))
        changed = ExpenseService.set_active(expense_ids=ids, active=False)
        self.message_user(request, f"{changed} expense(s) soft-deleted.", messages.INFO)

    @admin.action(description="Restore selected expenses")
    def restore_selected(
        self, request: HttpRequest, queryset: QuerySet[ExpenseModel]
    ) -> None:
        """Set is_active=True again."""
        ids = list(queryset.values_list("pk", flat=True))
        changed = ExpenseService.set_active(expense_ids=ids, active=True)
        self.message_user(request, f"{changed} expense(s) restored.", messages.INFO)


# The rollups are derived from the expenses (`manage.py rebuild_rollups` rebuilds
# them) and the categories are the owners': shown, never written here.
register_read_only(
    MonthlySpendingSummaryModel,
    list_display=("user", "month", "currency", "category", "total_mills", "item_count"),
    list_filter=("currency", "category", "month"),
    search_fields=("user__username",),
)
register_read_only(
    MonthlyVendorSpendingModel,
    list_display=("user", "month", "currency", "vendor", "total_mills", "item_count"),
    list_filter=("currency", "month"),
    search_fields=("user__username", "vendor"),
)
register_read_only(
    DailySpendingSummaryModel,
    list_display=("user", "day", "currency", "category", "total_mills", "item_count"),
    list_filter=("currency", "category"),
    search_fields=("user__username",),
)
register_read_only(
    DailyVendorSpendingModel,
    list_display=("user", "day", "currency", "vendor", "total_mills", "item_count"),
    list_filter=("currency",),
    search_fields=("user__username", "vendor"),
)
register_read_only(
    ExpenseCategoryModel,
    list_display=("name", "user", "parent", "color", "is_active"),
    list_filter=("is_active",),
    search_fields=("name", "user__username"),
)
