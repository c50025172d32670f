"""The query parameters of the todo list: one FilterSet, strict like every list.

`overdue` and `today` read the user's local clock; `parent=none` lists the top
level; `tag` matches one tag exactly.
"""

import json
from typing import Any

from django import forms
from django.db import connection
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from mysphere_core.filters import (
    BooleanFilter,
    DayFilter,
    FeatureFilterSet,
    MultipleChoiceFilter,
    OrderingFilter,
    SearchFilter,
)
from mysphere_core.limits import parse_pk
from todos.agenda import open_q, overdue_q
from todos.models import TodoModel
from users.services import UserService


class ParentField(forms.CharField):
    """`none` or a task id."""

    def to_python(self, value: Any) -> str | int | None:
        """'none' (top level), an id, or blank (no filter)."""
        text = super().to_python(value).strip().lower()
        if not text:
            return None
        if text == "none":
            return "none"
        pk = parse_pk(text)
        if pk is None:
            raise forms.ValidationError('Use "none" or a task id.', code="invalid")
        return pk


class ParentFilter(filters.CharFilter):
    """`?parent=none`: top-level tasks; `?parent=12`: the subtasks of task 12."""

    field_class = ParentField

    def filter(self, qs: QuerySet, value: str | int | None) -> QuerySet:
        """Top level, or the children of one task."""
        if value is None:
            return qs
        if value == "none":
            return qs.filter(parent__isnull=True)
        return qs.filter(parent_id=value)


class TagFilter(filters.CharFilter):
    """`?tag=family`: tasks carrying that tag (any case, '#' optional)."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        """Tasks whose tag list holds the tag: JSON containment where the database
        has it (PostgreSQL), else the tag quoted in the stored JSON text (SQLite,
        which stores non-ASCII as \\u escapes, as `json.dumps` writes them)."""
        tag = (value or "").strip().lstrip("#").lower()
        if not tag:
            return qs
        if connection.features.supports_json_field_contains:
            return qs.filter(tags__contains=[tag])
        return qs.filter(tags__icontains=json.dumps(tag))


class TodoFilter(FeatureFilterSet):
    """Filters of `GET /api/todos/`."""

    status = MultipleChoiceFilter(
        choices=TodoModel.Status.choices,
        help_text="One or several statuses (repeat or comma-separate).",
    )
    priority = MultipleChoiceFilter(
        choices=TodoModel.Priority.choices,
        help_text="One or several priorities (repeat or comma-separate).",
    )
    tag = TagFilter(max_length=50, help_text="One tag.")
    due_before = DayFilter(
        field_name="due_date",
        lookup_expr="lte",
        help_text="Due on or before this day (YYYY-MM-DD).",
    )
    due_after = DayFilter(
        field_name="due_date",
        lookup_expr="gte",
        help_text="Due on or after this day (YYYY-MM-DD).",
    )
    overdue = BooleanFilter(method="filter_overdue", help_text="Past due and open.")
    today = BooleanFilter(
        method="filter_today", help_text="Open and due on the user's today."
    )
    parent = ParentFilter(help_text='"none" for top-level tasks, or a task id.')
    search = SearchFilter(fields=("title", "description"))
    ordering = OrderingFilter(
        {
            "position": ("position", "todo_id"),
            "due": ("no_due_date", "due_date", "no_due_time", "due_time"),
            "priority": ("priority_rank",),
            "created": ("created_at", "todo_id"),
            "title": ("title",),
        },
        default="position",
    )

    class Meta:
        model = TodoModel
        fields: list[str] = []

    def _local_now(self) -> Any:
        """The requesting user's local now."""
        return UserService.now_for(user=self.request.user)

    def filter_overdue(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Open and past its due day or time (true), or not (false)."""
        if value is None:
            return qs
        condition = overdue_q(self._local_now())
        return qs.filter(condition) if value else qs.exclude(condition)

    def filter_today(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Open and due on the user's today, whatever the time (true), or not
        (false)."""
        if value is None:
            return qs
        condition: Q = open_q() & Q(due_date=self._local_now().date())
        return qs.filter(condition) if value else qs.exclude(condition)
