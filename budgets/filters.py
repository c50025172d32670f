"""The query parameters of the plan list: `month` (YYYY-MM) and `year`."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django_filters import rest_framework as filters

from budgets.models import BudgetModel
from mysphere_core.dates import MONTH_MESSAGE, month_label, parse_month
from mysphere_core.filters import FeatureFilterSet


class MonthFormField(forms.CharField):
    """A "YYYY-MM" month in 1900..2999; blank means no filter."""

    def to_python(self, value: Any) -> str:
        """The normalised month, or a 400 naming the format."""
        text = super().to_python(value).strip()
        if not text:
            return text
        first = parse_month(text)
        if first is None:
            raise forms.ValidationError(MONTH_MESSAGE, code="invalid")
        return month_label(first)


class MonthFilter(filters.CharFilter):
    """`?month=2026-11`."""

    field_class = MonthFormField


class YearFilter(filters.NumberFilter):
    """`?year=2026`: a whole year between 1900 and 2999."""

    field_class = forms.IntegerField


class BudgetFilter(FeatureFilterSet):
    """Filters of `GET /api/budgets/`."""

    month = MonthFilter(field_name="month", help_text="One month, YYYY-MM.")
    year = YearFilter(
        method="filter_year",
        min_value=1900,
        max_value=2999,
        help_text="Every month of a year (1900-2999).",
    )

    class Meta:
        model = BudgetModel
        fields: list[str] = []

    def filter_year(
        self, queryset: QuerySet[BudgetModel], name: str, value: int
    ) -> QuerySet[BudgetModel]:
        """Plans whose month is in the year."""
        return queryset.filter(month__startswith=f"{int(value):04d}-")
