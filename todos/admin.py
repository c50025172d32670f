"""Admin: every user's todos for staff, filterable by state, priority and day.

Staff look; the owners write. Rows are read-only here (writes belong to
`TodoService`, which validates them and announces their events); the actions
soft-delete or complete through the service.
"""

from datetime import date

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from mysphere_core.admin import OverdueFilter, ReadOnlyAdmin
from todos.models import TodoModel, TodoNotificationModel
from todos.services import TodoService


class TodoOverdueFilter(OverdueFilter):
    """Open tasks due before today."""

    def late(self, today: date) -> Q:
        """Pending or in progress, due before today."""
        return Q(status__in=TodoModel.OPEN, due_date__lt=today)


@admin.register(TodoModel)
class TodoAdmin(ReadOnlyAdmin):
    """Every user's todos, read-only, with service-backed actions."""

    list_display = (
        "todo_id",
        "user",
        "title",
        "priority",
        "status",
        "due_date",
        "due_time",
        "recurrence",
        "parent",
        "completed_at",
        "is_active",
    )
    list_filter = (
        "status",
        "priority",
        TodoOverdueFilter,
        "recurrence",
        "due_date",
        "is_active",
    )
    search_fields = ("title", "description", "source_ref", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "due_date"
    raw_id_fields = ("user", "parent", "previous_instance")
    list_per_page = 50
    show_full_result_count = False
    actions = ("soft_delete_selected", "complete_selected")

    @admin.action(description="Soft-delete selected todos (with their subtasks)")
    def soft_delete_selected(
        self, request: HttpRequest, queryset: QuerySet[TodoModel]
    ) -> None:
        """As DELETE in the API does, through the service."""
        rows = list(queryset.filter(is_active=True).select_related("user"))
        for todo in rows:
            if TodoModel.objects.filter(pk=todo.pk, is_active=True).exists():
                TodoService.delete(user=todo.user, pk=todo.pk)
        self.message_user(request, f"{len(rows)} todo(s) soft-deleted.", messages.INFO)

    @admin.action(description="Complete selected todos (with their subtasks)")
    def complete_selected(
        self, request: HttpRequest, queryset: QuerySet[TodoModel]
    ) -> None:
        """As POST complete/ with force=true does, through the service."""
        rows = list(queryset.filter(is_active=True).select_related("user"))
        for todo in rows:
            TodoService.complete(user=todo.user, pk=todo.pk, force=True)
        self.message_user(request, f"{len(rows)} todo(s) completed.", messages.INFO)


@admin.register(TodoNotificationModel)
class TodoNotificationAdmin(ReadOnlyAdmin):
    """Reminders and overdue notices sent (one per todo, kind and day)."""

    list_display = ("todo", "kind", "day", "sent_at")
    list_filter = ("kind", "day")
    list_select_related = ("todo",)
    raw_id_fields = ("todo",)
