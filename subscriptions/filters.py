"""Query-string filters of the subscriptions list."""

from django_filters import rest_framework as filters

from subscriptions.models import SubscriptionAlertModel, SubscriptionModel


class SubscriptionFilter(filters.FilterSet):
    """`?status=&category=&billing_cycle=&payment_method=&is_trial=&renewing_before=`."""

    category = filters.NumberFilter(
        field_name="category_id",
        min_value=1,
        max_value=2**63 - 1,
        help_text="A category_id of yours.",
    )
    renewing_before = filters.DateFilter(
        field_name="next_billing_date",
        lookup_expr="lte",
        help_text="Next billing date on or before this date (YYYY-MM-DD).",
    )
    renewing_after = filters.DateFilter(
        field_name="next_billing_date",
        lookup_expr="gte",
        help_text="Next billing date on or after this date (YYYY-MM-DD).",
    )

    class Meta:
        model = SubscriptionModel
        fields = ["status", "billing_cycle", "payment_method", "currency", "is_trial"]


class SubscriptionAlertFilter(filters.FilterSet):
    """`?alert_type=&is_read=&subscription_id=`."""

    subscription_id = filters.CharFilter(field_name="subscription_id")

    class Meta:
        model = SubscriptionAlertModel
        fields = ["alert_type", "is_read"]
