"""List filters of the notifications (strict: unknown parameters are a 400)."""

from django.db.models import QuerySet

from integrations.models import Kind, NotificationModel
from mysphere_core.filters import (
    BooleanFilter,
    ChoiceFilter,
    FeatureFilterSet,
    MultipleChoiceFilter,
)


class NotificationFilter(FeatureFilterSet):
    """`?unread=true`, `?kind=budget_exceeded,todo_overdue` (or `?type=`, the same),
    `?severity=critical`."""

    unread = BooleanFilter(method="filter_unread", help_text="true: unread only.")
    kind = MultipleChoiceFilter(choices=Kind.choices)
    type = MultipleChoiceFilter(
        field_name="kind", choices=Kind.choices, help_text="The same as `kind`."
    )
    severity = ChoiceFilter(choices=NotificationModel.Severity.choices)

    class Meta:
        model = NotificationModel
        fields: list[str] = []

    def filter_unread(
        self, queryset: QuerySet, name: str, value: bool | None
    ) -> QuerySet:
        """Unread (true) or read (false) notifications."""
        return queryset if value is None else queryset.filter(is_read=not value)
