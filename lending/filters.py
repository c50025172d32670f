"""The query parameters of the record list: one FilterSet, checked strictly."""

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from lending.models import OPEN_STATUSES, Direction, LendingModel, Status
from lending.validators import counterparty_key
from mysphere_core.filters import (
    BooleanFilter,
    ChoiceFilter,
    CurrencyFilter,
    DayFilter,
    FeatureFilterSet,
    MultipleChoiceFilter,
    OrderingFilter,
    SearchFilter,
)
from users.services import UserService


class LendingFilter(FeatureFilterSet):
    """Filters of `GET /api/lending/`."""

    direction = ChoiceFilter(choices=Direction.choices)
    status = MultipleChoiceFilter(
        choices=Status.choices, help_text="One or several (repeat or comma-separate)."
    )
    counterparty = filters.CharFilter(
        method="filter_counterparty",
        max_length=200,
        help_text="A person's name, any case and spacing.",
    )
    overdue = BooleanFilter(
        method="filter_overdue", help_text="true: open and past due on your today."
    )
    due_before = DayFilter(
        field_name="due_date",
        lookup_expr="lte",
        help_text="Due on or before this day (YYYY-MM-DD).",
    )
    currency = CurrencyFilter(help_text="ISO 4217 code, any case.")
    search = SearchFilter(fields=("counterparty_name", "description", "notes"))
    ordering = OrderingFilter(
        {
            "lent_date": ("lent_date", "created_at", "lending_id"),
            "due_date": ("due_date", "lending_id"),
            "amount": ("amount",),
            "counterparty": ("counterparty_key",),
            "created": ("created_at", "lending_id"),
        },
        default="-lent_date",
    )

    class Meta:
        model = LendingModel
        fields: list[str] = []

    def filter_counterparty(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        """Records of the person, matched case- and space-insensitively."""
        key = counterparty_key(value or "")
        return qs.filter(counterparty_key=key) if key else qs

    def filter_overdue(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Open records past their due date on the user's today (or the others)."""
        if value is None:
            return qs
        today = UserService.today_for(user=self.request.user)
        late = Q(status__in=OPEN_STATUSES, due_date__lt=today)
        return qs.filter(late) if value else qs.exclude(late)
