"""Admin: every user's todos for staff, filterable by state, priority and day.

Staff look; the owners write. Rows are read-only here (writes belong to
`TodoService`, which validates them and announces their events); the actions
soft-delete or complete through the service.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from todos.models import TodoModel, TodoNotificationModel
from todos.services import TodoService


@admin.register(TodoModel)
class TodoAdmin(admin.ModelAdmin):
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
        "recurrence_interval",
        "parent",
        "source_ref",
        "is_active",
    )
    list_filter = ("status", "priority", "recurrence", "due_date", "is_active")
    search_fields = ("title", "description", "source_ref", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "due_date"
    raw_id_fields = ("user", "parent", "previous_instance")
    list_per_page = 50
    show_full_result_count = False
    actions = ("soft_delete_selected", "complete_selected")

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Tasks are added by their owners."""
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: TodoModel | None = None
    ) -> bool:
        """Shown, never edited here."""
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: TodoModel | None = None
    ) -> bool:
        """No hard delete from the admin (the soft-delete action stays)."""
        return False

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
class TodoNotificationAdmin(admin.ModelAdmin):
    """Reminders and overdue notices sent (one per todo, kind and day)."""

    list_display = ("todo", "kind", "day", "sent_at")
    list_filter = ("kind", "day")
    list_select_related = ("todo",)
    raw_id_fields = ("todo",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Only the beat task records notices."""
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: TodoNotificationModel | None = None
    ) -> bool:
        """A record of what was sent."""
        return False
