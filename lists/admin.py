"""Admin: lists with their items and shares, for staff to look into.

Read-only: the list's writes keep item positions unique under the list's lock and
announce events, which only `ListService` does; staff inspect, owners change.
"""

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from lists.models import ListItemModel, ListModel, ListShareModel, ListShopModel
from mysphere_core.admin import ReadOnly


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
        "item_count",
        "shared_with",
        "is_active",
        "updated_at",
    )
    list_filter = ("list_type", "is_archived", "is_template", "is_active")
    search_fields = ("list_id", "name", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("list_id", "completed_at", "created_at", "updated_at")
    inlines = (ListItemInline, ListShareInline)
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[ListModel]:
        """Each list with its live items and shares counted in the same query."""
        live_items = Count("items", filter=Q(items__is_active=True), distinct=True)
        live_shares = Count("shares", filter=Q(shares__is_active=True), distinct=True)
        return (
            super()
            .get_queryset(request)
            .annotate(admin_items=live_items, admin_shares=live_shares)
        )

    @admin.display(description="items", ordering="admin_items")
    def item_count(self, obj: ListModel) -> int:
        """Live items on the list."""
        return obj.admin_items

    @admin.display(description="shared with", ordering="admin_shares")
    def shared_with(self, obj: ListModel) -> int:
        """People the list is shared with."""
        return obj.admin_shares


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
