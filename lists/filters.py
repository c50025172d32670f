"""The query parameters of the list of lists and of a list's items."""

from django.db.models import QuerySet

from lists.aisles import AISLES, UNCATEGORISED
from lists.models import ListItemModel, ListModel
from mysphere_core.filters import (
    BooleanFilter,
    ChoiceFilter,
    FeatureFilterSet,
    OrderingFilter,
    SearchFilter,
)

NO_AISLE = "none"


class ListFilter(FeatureFilterSet):
    """Filters of `GET /api/lists/`."""

    list_type = ChoiceFilter(choices=ListModel.ListType.choices)
    is_archived = BooleanFilter()
    is_template = BooleanFilter()
    search = SearchFilter(fields=("name", "description"))
    ordering = OrderingFilter(
        {
            "updated": ("updated_at", "list_id"),
            "created": ("created_at", "list_id"),
            "name": ("name", "list_id"),
        },
        default="-updated",
    )

    class Meta:
        model = ListModel
        fields: list[str] = []


class ListItemFilter(FeatureFilterSet):
    """Filters of `GET /api/lists/{list_id}/items/` (sorted by aisle, position)."""

    is_checked = BooleanFilter()
    aisle = ChoiceFilter(
        choices=[*((a, a) for a in AISLES), (NO_AISLE, "Uncategorised")],
        method="filter_aisle",
        help_text=f"One aisle, or {NO_AISLE} for uncategorised items.",
    )

    class Meta:
        model = ListItemModel
        fields: list[str] = []

    def filter_aisle(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Items of one aisle; `none`: those without one."""
        if not value:
            return queryset
        return queryset.filter(aisle=UNCATEGORISED if value == NO_AISLE else value)
