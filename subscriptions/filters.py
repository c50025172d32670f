"""Query-string filters of the subscriptions and alerts lists (the kit's strict style:
unknown parameters and malformed values are a 400 naming the parameter)."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from mysphere_core.filters import (
    BooleanFilter,
    ChoiceFilter,
    DayFilter,
    FeatureFilterSet,
    OrderingFilter,
    SearchFilter,
)
from mysphere_core.limits import MAX_PK
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
)

# Public ordering name -> the model fields it sorts by.
ORDERINGS = {
    "name": ("name",),
    "provider": ("provider",),
    "amount": ("amount",),
    "next_billing_date": ("next_billing_date",),
    "start_date": ("start_date",),
    "status": ("status",),
    "created_at": ("created_at",),
}


class SubscriptionFilter(FeatureFilterSet):
    """`?status=&category=&billing_cycle=&payment_method=&currency=&is_trial=`,
    `renewing_before/after`, `search`, `ordering`."""

    status = ChoiceFilter(choices=SubscriptionModel.Status.choices)
    billing_cycle = ChoiceFilter(choices=SubscriptionModel.BillingCycle.choices)
    payment_method = ChoiceFilter(choices=SubscriptionModel.PaymentMethod.choices)
    currency = filters.CharFilter(
        method="filter_currency", max_length=3, help_text="ISO 4217, any case."
    )
    category = filters.NumberFilter(
        field_name="category_id",
        min_value=1,
        max_value=MAX_PK,
        help_text="A category_id of yours.",
    )
    is_trial = BooleanFilter()
    renewing_before = DayFilter(
        field_name="next_billing_date",
        lookup_expr="lte",
        help_text="Next billing date on or before this date (YYYY-MM-DD).",
    )
    renewing_after = DayFilter(
        field_name="next_billing_date",
        lookup_expr="gte",
        help_text="Next billing date on or after this date (YYYY-MM-DD).",
    )
    search = SearchFilter(fields=("name", "provider", "description", "notes"))
    ordering = OrderingFilter(ORDERINGS, default="next_billing_date")

    class Meta:
        model = SubscriptionModel
        fields: list[str] = []

    def filter_currency(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Currencies are stored upper case; the filter takes any case."""
        return queryset.filter(currency=value.strip().upper()) if value else queryset


class SubscriptionAlertFilter(FeatureFilterSet):
    """`?alert_type=&is_read=&subscription_id=`."""

    alert_type = ChoiceFilter(choices=SubscriptionAlertModel.AlertType.choices)
    is_read = BooleanFilter()
    subscription_id = filters.CharFilter(field_name="subscription_id", max_length=25)

    class Meta:
        model = SubscriptionAlertModel
        fields: list[str] = []


class SubscriptionCategoryFilter(FeatureFilterSet):
    """No filters: the categories list takes only `page` and `page_size`."""

    class Meta:
        model = SubscriptionCategoryModel
        fields: list[str] = []
