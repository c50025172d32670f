"""Admin: lists with their items and shares, for staff to look into.

Read-only: the list's writes keep item positions unique under the list's lock and
announce events, which only `ListService` does; staff inspect, owners change.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lists.models import ListItemModel, ListModel, ListShareModel, ListShopModel


class ReadOnly:
    """Staff may view, not add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """No adding from the admin."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """No changes from the admin."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """No deleting from the admin."""
        return False


class ListItemInline(ReadOnly, admin.TabularInline):
    """Items on the list's page."""

    model = ListItemModel
    extra = 0
    fields = (
        "position",
        "name",
        "quantity",
        "unit",
        "aisle",
        "is_checked",
        "estimated_price",
        "currency",
        "is_active",
    )
    ordering = ("position",)


class ListShareInline(ReadOnly, admin.TabularInline):
    """Shares on the list's page."""

    model = ListShareModel
    extra = 0
    fields = ("user", "permission", "is_active", "created_at")
    readonly_fields = ("created_at",)
    raw_id_fields = ("user",)


@admin.register(ListModel)
class ListAdmin(ReadOnly, admin.ModelAdmin):
    """Lists, filterable by kind, archive and template."""

    list_display = (
        "list_id",
        "name",
        "user",
        "list_type",
        "is_archived",
        "is_template",
        "is_active",
        "updated_at",
    )
    list_filter = ("list_type", "is_archived", "is_template", "is_active")
    search_fields = ("list_id", "name", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("list_id", "completed_at", "created_at", "updated_at")
    inlines = (ListItemInline, ListShareInline)


@admin.register(ListItemModel)
class ListItemAdmin(ReadOnly, admin.ModelAdmin):
    """Items across lists, filterable by aisle and state."""

    list_display = (
        "item_id",
        "name",
        "list",
        "quantity",
        "unit",
        "aisle",
        "is_checked",
        "is_active",
    )
    list_filter = ("aisle", "is_checked", "is_active")
    search_fields = ("item_id", "name", "list__name", "list__user__username")
    list_select_related = ("list",)
    raw_id_fields = ("list", "checked_by")
    readonly_fields = ("item_id", "checked_at", "created_at", "updated_at")


@admin.register(ListShareModel)
class ListShareAdmin(ReadOnly, admin.ModelAdmin):
    """Who lists are shared with."""

    list_display = ("share_id", "list", "user", "permission", "is_active", "created_at")
    list_filter = ("permission", "is_active")
    search_fields = ("list__name", "user__username", "list__user__username")
    list_select_related = ("list", "user")
    raw_id_fields = ("list", "user")


@admin.register(ListShopModel)
class ListShopAdmin(ReadOnly, admin.ModelAdmin):
    """Finished shops: the expense each became, and whether it was undone."""

    list_display = (
        "shop_id",
        "list",
        "user",
        "expense_id",
        "archived",
        "is_active",
        "created_at",
    )
    list_filter = ("is_active", "archived")
    search_fields = ("list__name", "user__username")
    raw_id_fields = ("list", "user")
