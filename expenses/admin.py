"""Admin: expenses filterable by category, day, currency; searchable; with totals."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from expenses.services import ExpenseService


class ExpenseAdminForm(forms.ModelForm):
    """The model form with the nine categories as a drop-down."""

    category = forms.ChoiceField(choices=[(c, c) for c in EXPENSE_CATEGORIES])

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
            "is_active",
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
    readonly_fields = (
        "ai_suggested_category",
        "confidence",
        "source_ref",
        "created_at",
        "updated_at",
    )
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

    def save_model(
        self, request: HttpRequest, obj: ExpenseModel, form: Any, change: bool
    ) -> None:
        """Save, then drop the owner's cached analytics and insights."""
        super().save_model(request, obj, form, change)
        ExpenseService.invalidate_caches(user=obj.user)

    def delete_model(self, request: HttpRequest, obj: ExpenseModel) -> None:
        """Delete for good (staff only), then drop the owner's caches."""
        super().delete_model(request, obj)
        ExpenseService.invalidate_caches(user=obj.user)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[ExpenseModel]
    ) -> None:
        """Bulk delete for good, then drop the owners' caches."""
        owners = {expense.user for expense in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for owner in owners:
            ExpenseService.invalidate_caches(user=owner)

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
