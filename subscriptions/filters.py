"""Query-string filters of the subscriptions list."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from subscriptions.models import SubscriptionAlertModel, SubscriptionModel

TRUE_WORDS = ("true", "1")
FALSE_WORDS = ("false", "0")


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0); anything else is an error, not "no filter"."""

    def to_python(self, value: Any) -> bool | None:
        """The boolean of the query value; blank means no filter."""
        if value in (None, ""):
            return None
        lowered = str(value).strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise forms.ValidationError(
            f'"{value}" is not a boolean. Use true or false.', code="invalid"
        )


class StrictBooleanFilter(filters.BooleanFilter):
    """A boolean filter that answers 400 to values other than true/false."""

    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A plain text widget: the REST BooleanWidget turns 'maybe' into None."""
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` whose unknown fields are a 400 naming the parameter."""

    def get_ordering(
        self, request: Request, queryset: QuerySet, view: Any
    ) -> list[str] | None:
        """The requested ordering, or the view's default; unknown fields -> 400."""
        raw = request.query_params.get(self.ordering_param)
        if raw:
            valid = [name for name, _ in self.get_valid_fields(queryset, view)]
            requested = [term.strip() for term in raw.split(",")]
            bad = [term for term in requested if term.lstrip("-") not in valid]
            if bad:
                choices = ", ".join(valid)
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f'"{bad[0]}" is not a valid ordering. Use one of: '
                            f"{choices} (prefix - for descending)."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


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
    is_trial = StrictBooleanFilter(help_text="true or false.")
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
    is_read = StrictBooleanFilter(help_text="true or false.")

    class Meta:
        model = SubscriptionAlertModel
        fields = ["alert_type", "is_read"]
