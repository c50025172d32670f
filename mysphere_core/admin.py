"""Admin of the shared tables: AI usage per user, feature and day (read-only)."""

from django.contrib import admin
from django.http import HttpRequest

from mysphere_core.models import AIUsageModel


@admin.register(AIUsageModel)
class AIUsageAdmin(admin.ModelAdmin):
    """Who used how many AI calls, for what, on which day. Nothing is editable."""

    list_display = ("day", "user", "feature", "kind", "calls", "updated_at")
    list_filter = ("feature", "kind", "day")
    search_fields = ("user__username", "user__email", "feature")
    date_hierarchy = "day"
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Usage is written by the gateway only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Read-only."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Read-only."""
        return False
