"""Serializers of the expenses feature: validation in, rendering out."""

from typing import Any

from rest_framework import serializers

from expenses.models import (
    EARLIEST_EXPENSE_DATE,
    EXPENSE_CATEGORIES,
    ExpenseModel,
    validate_category,
    validate_expense_amount,
    validate_transaction_date,
)
from mysphere_core import money

PAYMENT_METHODS = [choice for choice, _ in ExpenseModel.PaymentMethod.choices]
EXPENSE_TYPES = [choice for choice, _ in ExpenseModel.ExpenseType.choices]
ORDERINGS = ["date", "-date", "amount", "-amount", "created", "-created"]
MONEY_OUT = {"max_digits": 20, "decimal_places": 2, "read_only": True}


def _choice_field(choices: list[str], label: str, **kwargs: Any) -> serializers.Field:
    """A choice field whose error lists the valid values."""
    message = f'"{{input}}" is not a valid {label}. Use one of: {", ".join(choices)}.'
    return serializers.ChoiceField(
        choices=choices, error_messages={"invalid_choice": message}, **kwargs
    )


class PaymentMethodField(serializers.ChoiceField):
    """cash, card, bank_transfer, mobile or other; the error lists them."""

    def __init__(self, **kwargs: Any) -> None:
        message = (
            f'"{{input}}" is not a valid payment method. Use one of: '
            f'{", ".join(PAYMENT_METHODS)}.'
        )
        kwargs.setdefault("error_messages", {"invalid_choice": message})
        super().__init__(choices=PAYMENT_METHODS, **kwargs)


class CurrencyField(serializers.CharField):
    """An ISO 4217 code; lower case is accepted and upper-cased."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        """Upper-case, then check the code."""
        value = super().to_internal_value(data).upper()
        money.validate_currency(value)
        return value


class IndexedErrorListSerializer(serializers.ListSerializer):
    """Errors of a list keyed by the index of each bad item: `{"3": {...}}`."""

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        """Validate every item; re-key per-item errors by index."""
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, list):
                raise serializers.ValidationError(
                    {str(i): error for i, error in enumerate(exc.detail) if error}
                )
            raise


class ExpenseSerializer(serializers.ModelSerializer):
    """An expense as the API shows it and accepts it."""

    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, validators=[validate_expense_amount]
    )
    currency = CurrencyField(
        required=False, help_text="ISO 4217 code; default: the user's currency."
    )
    category = serializers.CharField(
        max_length=32,
        required=False,
        validators=[validate_category],
        help_text=f"One of: {', '.join(EXPENSE_CATEGORIES)}. Default: guessed "
        "from vendor and notes, else Other.",
    )
    transaction_date = serializers.DateField(
        required=False,
        validators=[validate_transaction_date],
        help_text="YYYY-MM-DD, 1900-01-01 to 2999-12-31; default: the user's today.",
    )
    vendor = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    raw_text = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    payment_method = PaymentMethodField(required=False)
    expense_type = _choice_field(EXPENSE_TYPES, "expense type", required=False)
    confidence = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ExpenseModel
        list_serializer_class = IndexedErrorListSerializer
        fields = [
            "expense_id",
            "user",
            "amount",
            "currency",
            "category",
            "vendor",
            "transaction_date",
            "payment_method",
            "expense_type",
            "notes",
            "raw_text",
            "ai_suggested_category",
            "confidence",
            "source_ref",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "expense_id",
            "user",
            "ai_suggested_category",
            "source_ref",
            "is_active",
            "created_at",
            "updated_at",
        ]


class CategoryListField(serializers.ListField):
    """`?category=Travel&category=Health` or `?category=Travel,Health`."""

    child = serializers.CharField(validators=[validate_category])

    def to_internal_value(self, data: Any) -> list[str]:
        """Split comma-separated values, then validate each category."""
        if isinstance(data, str):
            data = [data]
        parts = [part.strip() for item in data for part in str(item).split(",")]
        try:
            return super().to_internal_value([part for part in parts if part])
        except serializers.ValidationError as exc:
            detail = exc.detail
            if isinstance(detail, dict):  # {index: [message]} -> [message, ...]
                detail = [message for errors in detail.values() for message in errors]
            raise serializers.ValidationError(detail)


class ExpenseFilterSerializer(serializers.Serializer):
    """Query parameters of the list and the CSV export."""

    category = CategoryListField(
        required=False,
        help_text="One or several categories (repeat or comma-separate).",
    )
    date_from = serializers.DateField(required=False, help_text="From this day on.")
    date_to = serializers.DateField(required=False, help_text="Up to this day.")
    min_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    max_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    payment_method = PaymentMethodField(required=False)
    expense_type = _choice_field(EXPENSE_TYPES, "expense type", required=False)
    currency = CurrencyField(required=False)
    search = serializers.CharField(
        max_length=200,
        required=False,
        help_text="Text in vendor, category, original text or notes.",
    )
    ordering = _choice_field(
        ORDERINGS, "ordering", required=False, help_text="Default: -date."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Ranges must not be upside down."""
        errors = {}
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            errors["date_to"] = ["date_to must be on or after date_from."]
        low, high = attrs.get("min_amount"), attrs.get("max_amount")
        if low is not None and high is not None and low > high:
            errors["max_amount"] = ["max_amount must be at least min_amount."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ExpenseAnalyticsQuerySerializer(serializers.Serializer):
    """The analytics range; default: this month in the user's time zone."""

    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Dates from 1900 on (the service checks the range itself)."""
        for name in ("date_from", "date_to"):
            if attrs.get(name) and attrs[name] < EARLIEST_EXPENSE_DATE:
                raise serializers.ValidationError({name: ["Use a date from 1900 on."]})
        return attrs


class ExpenseBulkCreateSerializer(serializers.Serializer):
    """Up to 500 expenses, saved all together or not at all."""

    expenses = ExpenseSerializer(many=True, min_length=1, max_length=500)


class ExpenseBulkCreateResponseSerializer(serializers.Serializer):
    """How many were created, and the expenses."""

    created = serializers.IntegerField()
    expenses = ExpenseSerializer(many=True)


class ExpenseParseTextSerializer(serializers.Serializer):
    """A sentence describing one expense."""

    text = serializers.CharField(max_length=500, help_text="e.g. 'Lunch at Subway $9'")
    dry_run = serializers.BooleanField(
        default=False, help_text="Only parse; do not save the expense."
    )


class ParsedExpenseSerializer(serializers.Serializer):
    """What was read from the text."""

    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    category = serializers.CharField()
    vendor = serializers.CharField(allow_blank=True)
    date = serializers.DateField()
    payment_method = serializers.CharField()
    expense_type = serializers.ChoiceField(choices=ExpenseModel.ExpenseType.choices)
    confidence = serializers.FloatField()


class ExpenseParseTextResponseSerializer(serializers.Serializer):
    """The parse, who parsed it, and the saved expense unless it was a dry run."""

    parsed_data = ParsedExpenseSerializer()
    source = serializers.ChoiceField(choices=["ai", "cache", "fallback"])
    ai_used = serializers.BooleanField()
    fallback_used = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    error = serializers.CharField(required=False)
    expense = ExpenseSerializer(allow_null=True)


class ExpenseCategoryTotalSerializer(serializers.Serializer):
    """A category's total in one currency over the analytics range."""

    category = serializers.CharField()
    total = serializers.DecimalField(**MONEY_OUT)
    count = serializers.IntegerField()
    share = serializers.FloatField(help_text="Percent of the currency's total.")


class ExpenseMonthTotalSerializer(serializers.Serializer):
    """One month of the trend."""

    month = serializers.CharField(help_text="YYYY-MM")
    total = serializers.DecimalField(**MONEY_OUT)
    count = serializers.IntegerField()


class ExpenseVendorTotalSerializer(serializers.Serializer):
    """A vendor among the top five."""

    vendor = serializers.CharField()
    total = serializers.DecimalField(**MONEY_OUT)
    count = serializers.IntegerField()


class ExpensePeriodComparisonSerializer(serializers.Serializer):
    """This range against the previous range of the same length."""

    previous_total = serializers.DecimalField(**MONEY_OUT)
    previous_count = serializers.IntegerField()
    delta = serializers.DecimalField(**MONEY_OUT)
    delta_percent = serializers.FloatField(allow_null=True)


class ExpenseCurrencyAnalyticsSerializer(serializers.Serializer):
    """Everything about one currency (sums never mix currencies)."""

    currency = serializers.CharField()
    total = serializers.DecimalField(**MONEY_OUT, help_text="Expenses minus refunds.")
    count = serializers.IntegerField()
    average = serializers.DecimalField(**MONEY_OUT)
    refunds = serializers.DecimalField(**MONEY_OUT)
    by_category = ExpenseCategoryTotalSerializer(many=True)
    monthly_trend = ExpenseMonthTotalSerializer(many=True)
    top_vendors = ExpenseVendorTotalSerializer(many=True)
    comparison = ExpensePeriodComparisonSerializer()


class ExpenseAnalyticsSerializer(serializers.Serializer):
    """Spending analytics of a range, grouped by currency."""

    date_from = serializers.DateField()
    date_to = serializers.DateField()
    previous_date_from = serializers.DateField()
    previous_date_to = serializers.DateField()
    currencies = ExpenseCurrencyAnalyticsSerializer(many=True)


class ExpenseCurrencyTotalSerializer(serializers.Serializer):
    """An amount in one currency."""

    currency = serializers.CharField()
    total = serializers.DecimalField(**MONEY_OUT)


class ExpenseCategorySummarySerializer(serializers.Serializer):
    """A valid category with the user's count and totals in it."""

    category = serializers.CharField()
    count = serializers.IntegerField()
    totals = ExpenseCurrencyTotalSerializer(many=True)


class ExpenseCategoryInsightSerializer(serializers.Serializer):
    """A remark about one category."""

    category = serializers.CharField()
    insight = serializers.CharField()


class ExpenseAlertSerializer(serializers.Serializer):
    """Something the user should notice."""

    level = serializers.ChoiceField(choices=["info", "warning"])
    message = serializers.CharField()


class ExpenseInsightsSerializer(serializers.Serializer):
    """Spending trends, budget recommendations, category insights and alerts."""

    summary = serializers.CharField()
    spending_trends = serializers.ListField(child=serializers.CharField())
    budget_recommendations = serializers.ListField(child=serializers.CharField())
    category_insights = ExpenseCategoryInsightSerializer(many=True)
    alerts = ExpenseAlertSerializer(many=True)


class ExpenseInsightsEnvelopeSerializer(serializers.Serializer):
    """The envelope every AI endpoint returns."""

    insights = ExpenseInsightsSerializer()
    source = serializers.ChoiceField(choices=["ai", "cache", "fallback"])
    from_cache = serializers.BooleanField()
    ai_used = serializers.BooleanField()
    fallback_used = serializers.BooleanField()
    calls_remaining = serializers.IntegerField()
    generated_at = serializers.CharField()
    error = serializers.CharField(required=False)
