"""Admin: subscriptions with their payments, usage, alerts and price history."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from subscriptions.services import WRITABLE_FIELDS, SubscriptionService


class SubscriptionPaymentInline(admin.TabularInline):
    """Payments on the subscription's page."""

    model = SubscriptionPaymentModel
    extra = 0
    fields = ("payment_date", "due_date", "amount", "currency", "status", "expense_id")
    readonly_fields = ("expense_id",)


class SubscriptionPriceChangeInline(admin.TabularInline):
    """Price history on the subscription's page."""

    model = SubscriptionPriceChangeModel
    extra = 0
    readonly_fields = ("old_amount", "new_amount", "currency", "effective_date")


@admin.register(SubscriptionModel)
class SubscriptionAdmin(admin.ModelAdmin):
    """Subscriptions, filterable by status, cycle and currency."""

    list_display = (
        "subscription_id",
        "name",
        "user",
        "amount",
        "currency",
        "billing_cycle",
        "next_billing_date",
        "status",
        "is_active",
    )
    list_filter = ("status", "billing_cycle", "currency", "is_trial", "is_active")
    search_fields = ("subscription_id", "name", "provider", "user__username")
    list_select_related = ("user", "category")
    readonly_fields = (
        "subscription_id",
        "billing_anchor_date",
        "cancelled_at",
        "created_at",
    )
    exclude = ("ai_insights",)
    inlines = [SubscriptionPaymentInline, SubscriptionPriceChangeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(
        self, request: HttpRequest, obj: SubscriptionModel | None = None
    ) -> tuple[str, ...]:
        """The owner is chosen when a subscription is added, never moved later."""
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "user") if obj is not None else fields

    def save_model(
        self,
        request: HttpRequest,
        obj: SubscriptionModel,
        form: ModelForm,
        change: bool,
    ) -> None:
        """Every edit goes through the service: rules, price history, re-anchoring
        and the domain events (which forget the owner's caches)."""
        changed = set(form.changed_data)
        active = form.cleaned_data.get("is_active", True)
        if change and "is_active" in changed and active:
            SubscriptionService.restore(user=obj.user, pk=obj.pk)
        data = _service_data(form, changed)
        if not change:
            obj.pk = SubscriptionService.create(user=obj.user, data=data).pk
            obj._state.adding = False
        elif data:
            SubscriptionService.update(user=obj.user, pk=obj.pk, data=data)
        if "status" in changed:
            status = form.cleaned_data["status"]
            SubscriptionService.set_status(user=obj.user, pk=obj.pk, status=status)
        if "is_active" in changed and not active:
            SubscriptionService.delete(user=obj.user, pk=obj.pk)
        obj.refresh_from_db()


def _service_data(form: ModelForm, changed: set[str]) -> dict[str, Any]:
    """The changed fields the service writes (the category as `category_id`)."""
    data = {f: form.cleaned_data[f] for f in changed if f in WRITABLE_FIELDS}
    if "category" in changed:
        category = form.cleaned_data["category"]
        data["category_id"] = category.pk if category else None
    return data


@admin.register(SubscriptionCategoryModel)
class SubscriptionCategoryAdmin(admin.ModelAdmin):
    """Categories per user."""

    list_display = ("name", "user", "color", "icon", "is_active")
    search_fields = ("name", "user__username")
    list_select_related = ("user",)


@admin.register(SubscriptionPaymentModel)
class SubscriptionPaymentAdmin(admin.ModelAdmin):
    """Payments, with the expense they created."""

    list_display = (
        "id",
        "subscription",
        "amount",
        "currency",
        "payment_date",
        "due_date",
        "status",
        "expense_id",
    )
    list_filter = ("status", "currency")
    search_fields = ("subscription__name", "transaction_id")
    list_select_related = ("subscription",)


@admin.register(SubscriptionUsageModel)
class SubscriptionUsageAdmin(admin.ModelAdmin):
    """Usage logs."""

    list_display = ("subscription", "usage_date", "usage_count", "usage_duration")
    list_select_related = ("subscription",)


@admin.register(SubscriptionAlertModel)
class SubscriptionAlertAdmin(admin.ModelAdmin):
    """Alerts, filterable by type and state."""

    list_display = (
        "title",
        "user",
        "alert_type",
        "alert_day",
        "is_read",
        "is_dismissed",
    )
    list_filter = ("alert_type", "is_read", "is_dismissed")
    search_fields = ("title", "subscription__name", "user__username")
    list_select_related = ("user",)


@admin.register(SubscriptionPriceChangeModel)
class SubscriptionPriceChangeAdmin(admin.ModelAdmin):
    """Price history."""

    list_display = (
        "subscription",
        "old_amount",
        "new_amount",
        "currency",
        "effective_date",
    )
    list_select_related = ("subscription",)
