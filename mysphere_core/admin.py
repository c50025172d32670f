"""Admin of the shared tables, and the kit's read-only admin every app uses.

Staff look; owners write through the services (which validate, lock and announce
events), so most of the admin is read-only: `ReadOnly` for inlines and model
admins, `ReadOnlyAdmin` for a model admin, `register_read_only` for a table that
needs no more than its columns listed.
"""

from datetime import date
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from mysphere_core.models import AIUsageModel, CacheGenerationModel, IdempotencyKeyModel


class ReadOnly:
    """View only: no add, change or delete from the admin (mix into a ModelAdmin
    or an inline)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Rows are added through the API (the service)."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Changes go through the service."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Deleting is the owner's (soft) or the account erasure's."""
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A model admin that lists and shows, never writes."""

    list_per_page = 50


def register_read_only(
    model: type[models.Model],
    *,
    list_display: tuple[str, ...],
    list_filter: tuple[str, ...] = (),
    search_fields: tuple[str, ...] = (),
) -> None:
    """Register `model` read-only with these columns, filters and searches; a
    `user` foreign key is fetched with the rows."""
    names = {field.name for field in model._meta.get_fields()}
    attrs = {
        "list_display": list_display,
        "list_filter": list_filter,
        "search_fields": search_fields,
        "list_select_related": ("user",) if "user" in names else (),
        "__doc__": f"{model._meta.verbose_name_plural}, read-only.",
        "__module__": model.__module__,
    }
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attrs))


class OverdueFilter(admin.SimpleListFilter):
    """ "Overdue: yes / no" on a changelist, as of the server's today (staff look
    across users and time zones); a subclass says what late means in `late`."""

    title = "overdue"
    parameter_name = "overdue"

    def late(self, today: date) -> Q:
        """The rows past due on `today`."""
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> tuple:
        """Yes or no."""
        return (("yes", "Yes"), ("no", "No"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """The late rows, the others, or all."""
        if self.value() not in ("yes", "no"):
            return queryset
        late = self.late(timezone.localdate())
        return (
            queryset.filter(late) if self.value() == "yes" else queryset.exclude(late)
        )


@admin.register(AIUsageModel)
class AIUsageAdmin(ReadOnlyAdmin):
    """Who used how many AI calls, for what, on which day. Written by the gateway."""

    list_display = ("day", "user", "feature", "kind", "calls", "updated_at")
    list_filter = ("feature", "kind", "day")
    search_fields = ("user__username", "user__email", "feature")
    date_hierarchy = "day"
    list_select_related = ("user",)


register_read_only(CacheGenerationModel, list_display=("user_id", "generation"))
register_read_only(
    IdempotencyKeyModel,
    list_display=("user", "key", "status_code", "created_at"),
    search_fields=("user__username", "key"),
)
