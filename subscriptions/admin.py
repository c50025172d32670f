"""Admin: subscriptions with their payments, usage, alerts and price history."""

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
    readonly_fields = ("subscription_id", "billing_anchor_date", "created_at")
    inlines = [SubscriptionPaymentInline, SubscriptionPriceChangeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(
        self,
        request: HttpRequest,
        obj: SubscriptionModel,
        form: ModelForm,
        change: bool,
    ) -> None:
        """Edits go through the service: price history, re-anchoring, caches.

        Fields the service does not own (status, is_active, category) are saved as
        the staff member set them.
        """
        if not change:
            super().save_model(request, obj, form, change)
            SubscriptionService.invalidate_caches(user=obj.user)
            return
        changed = set(form.changed_data)
        service_data = {
            f: form.cleaned_data[f] for f in changed if f in WRITABLE_FIELDS
        }
        SubscriptionService.update(
            user=obj.user, subscription_id=obj.pk, data=service_data
        )
        others = {
            f: form.cleaned_data[f]
            for f in changed - set(WRITABLE_FIELDS)
            if f in {field.name for field in SubscriptionModel._meta.fields}
        }
        if others:
            SubscriptionModel.objects.filter(pk=obj.pk).update(**others)
            SubscriptionService.invalidate_caches(user=obj.user)
        obj.refresh_from_db()


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
