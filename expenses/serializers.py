"""Serializers of the expenses feature: validation in, rendering out."""

from typing import Any

from rest_framework import serializers

from expenses import categories
from expenses.models import (
    EXPENSE_CATEGORIES,
    ExpenseModel,
    validate_expense_amount,
)
from mysphere_core import duplicates
from mysphere_core.fields import (
    BoundedDateField,
    CurrencyField,
    EnumField,
    MoneyField,
    PercentField,
    TotalField,
)
from mysphere_core.serializers import (
    CurrencyTotalSerializer,
    FlatRowSerializer,
    StrictSerializer,
    ai_envelope,
    parse_response,
)
from mysphere_core.textparse import plain_number

PAYMENT_METHODS = [choice for choice, _ in ExpenseModel.PaymentMethod.choices]
EXPENSE_TYPES = [choice for choice, _ in ExpenseModel.ExpenseType.choices]


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


class AmountField(MoneyField):
    """An amount sent as a JSON number or a string in ASCII decimal notation; what
    Python's Decimal reads but an API does not take ("1_000", "1e3", "١٢") is "A
    valid number is required."."""

    def to_internal_value(self, data: Any) -> Any:
        """The Decimal, read from the string in ASCII digits."""
        if isinstance(data, str):
            number = plain_number(data)
            if number is None:
                self.fail("invalid")
            data = number
        return super().to_internal_value(data)


class ExpenseSerializer(FlatRowSerializer):
    """An expense as the API shows it and accepts it."""

    amount = AmountField(validators=[validate_expense_amount])
    currency = CurrencyField(
        required=False,
        help_text="ISO 4217 code, any case; default: the user's currency.",
    )
    category = serializers.CharField(
        max_length=32,
        required=False,
        help_text=f"One of: {', '.join(EXPENSE_CATEGORIES)}, or a category of the "
        "user's own (GET /api/expenses/categories/), any case. Default: guessed "
        "from vendor and notes, else Other.",
    )
    transaction_date = BoundedDateField(
        required=False,
        help_text="YYYY-MM-DD, 1900-01-01 to 2999-12-31; default: the user's today.",
    )
    vendor = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    raw_text = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    payment_method = EnumField(
        PAYMENT_METHODS, label_text="payment method", required=False
    )
    expense_type = EnumField(EXPENSE_TYPES, label_text="expense type", required=False)
    confidence = serializers.FloatField(read_only=True, allow_null=True)
    shared_amount = MoneyField(
        read_only=True,
        help_text="What others owe of it (a split bill, kept by lending): spending "
        "counts amount minus this, the user's own share.",
    )

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
            "shared_amount",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "expense_id",
            "user",
            "ai_suggested_category",
            "source_ref",
            "shared_amount",
            "is_active",
            "created_at",
            "updated_at",
        ]

    def validate_category(self, value: str) -> str:
        """A system category or one of the user's own, any case (the service
        checks again when there is no request, e.g. for other features)."""
        user = getattr(self.context.get("request"), "user", None)
        if user is None or not user.is_authenticated:
            return value
        name = categories.resolve(user, value)
        if name is None:
            raise serializers.ValidationError(categories.unknown_message(user, value))
        return name


class ExpenseAnalyticsQuerySerializer(serializers.Serializer):
    """The analytics range; default: this month in the user's time zone."""

    date_from = BoundedDateField(required=False)
    date_to = BoundedDateField(required=False)


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
    confirm_duplicates = serializers.BooleanField(
        default=False, help_text=duplicates.CONFIRM_HELP
    )


class ParsedExpenseSerializer(serializers.Serializer):
    """What was read from the text."""

    amount = MoneyField()
    currency = serializers.CharField()
    category = serializers.CharField()
    vendor = serializers.CharField(allow_blank=True)
    date = serializers.DateField()
    payment_method = serializers.CharField()
    expense_type = serializers.ChoiceField(choices=ExpenseModel.ExpenseType.choices)
    confidence = serializers.FloatField()


class ExpenseParentCategoryTotalSerializer(serializers.Serializer):
    """A system category's total in one currency, the user's own categories under
    it included (or a category of theirs without parent)."""

    category = serializers.CharField()
    total = TotalField()
    count = serializers.IntegerField()
    share = PercentField(help_text="Percent of the currency's total.")


class ExpenseCategoryTotalSerializer(ExpenseParentCategoryTotalSerializer):
    """A category's total in one currency over the analytics range."""

    parent = serializers.CharField(
        allow_null=True, help_text="The system category it rolls up to."
    )


class ExpenseMonthTotalSerializer(serializers.Serializer):
    """One month of the trend."""

    month = serializers.CharField(help_text="YYYY-MM")
    total = TotalField()
    count = serializers.IntegerField()


class ExpenseVendorTotalSerializer(serializers.Serializer):
    """A vendor among the top five."""

    vendor = serializers.CharField()
    total = TotalField()
    count = serializers.IntegerField()


class ExpensePeriodComparisonSerializer(serializers.Serializer):
    """This range against the previous range of the same length."""

    previous_total = TotalField()
    previous_count = serializers.IntegerField()
    delta = TotalField()
    delta_percent = PercentField(allow_null=True)


class ExpenseCurrencyAnalyticsSerializer(CurrencyTotalSerializer):
    """Everything about one currency (sums never mix currencies); `total` is
    expenses minus refunds."""

    count = serializers.IntegerField()
    average = TotalField()
    refunds = TotalField()
    by_category = ExpenseCategoryTotalSerializer(many=True)
    by_parent_category = ExpenseParentCategoryTotalSerializer(many=True)
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


# The fields `render_analytics` renders with, built once (DRF builds the nested
# serializers' fields on every instantiation: most of a cold analytics request).
_TOTAL = TotalField()
_PERCENT = PercentField()
_DATE = serializers.DateField()


def render_analytics(result: dict[str, Any]) -> dict[str, Any]:
    """What `ExpenseAnalyticsSerializer(result).data` renders, as plain dicts with
    the same fields' own renderings (the serializer documents the schema). Money of
    a currency's entry in its minor units; that of the nested rows as the
    serializer renders it (they name no currency)."""
    return {
        "date_from": _DATE.to_representation(result["date_from"]),
        "date_to": _DATE.to_representation(result["date_to"]),
        "previous_date_from": _DATE.to_representation(result["previous_date_from"]),
        "previous_date_to": _DATE.to_representation(result["previous_date_to"]),
        "currencies": [_render_currency(item) for item in result["currencies"]],
    }


def _render_currency(item: dict[str, Any]) -> dict[str, Any]:
    """One currency's analytics as `ExpenseCurrencyAnalyticsSerializer` renders."""
    code = item["currency"]
    comparison = item["comparison"]
    delta_percent = comparison["delta_percent"]
    return {
        "currency": code,
        "total": _TOTAL.to_representation((item["total"], code)),
        "count": int(item["count"]),
        "average": _TOTAL.to_representation((item["average"], code)),
        "refunds": _TOTAL.to_representation((item["refunds"], code)),
        "by_category": [
            {**_render_share(row), "parent": row["parent"]}
            for row in item["by_category"]
        ],
        "by_parent_category": [
            _render_share(row) for row in item["by_parent_category"]
        ],
        "monthly_trend": [
            {"month": row["month"], **_render_total(row)}
            for row in item["monthly_trend"]
        ],
        "top_vendors": [
            {"vendor": row["vendor"], **_render_total(row)}
            for row in item["top_vendors"]
        ],
        "comparison": {
            "previous_total": _TOTAL.to_representation(comparison["previous_total"]),
            "previous_count": int(comparison["previous_count"]),
            "delta": _TOTAL.to_representation(comparison["delta"]),
            "delta_percent": (
                None
                if delta_percent is None
                else _PERCENT.to_representation(delta_percent)
            ),
        },
    }


def _render_total(row: dict[str, Any]) -> dict[str, Any]:
    """A nested row's total and count."""
    return {"total": _TOTAL.to_representation(row["total"]), "count": int(row["count"])}


def _render_share(row: dict[str, Any]) -> dict[str, Any]:
    """A category row's name, total, count and share of its currency's total."""
    return {
        "category": row["category"],
        **_render_total(row),
        "share": _PERCENT.to_representation(row["share"]),
    }


class ExpenseCategorySummarySerializer(serializers.Serializer):
    """A category the user may use (a system one or their own) with their count
    and totals in it."""

    category_id = serializers.IntegerField(
        allow_null=True, help_text="Set for the user's own categories (PATCH/DELETE)."
    )
    category = serializers.CharField()
    is_custom = serializers.BooleanField()
    parent = serializers.CharField(
        allow_null=True,
        help_text="The system category its spending rolls up to (a system one: "
        "itself; a custom one without parent: null).",
    )
    color = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    totals = CurrencyTotalSerializer(many=True)


class ExpenseCategoryWriteSerializer(StrictSerializer):
    """A category of the user's own: its name, the system category it belongs
    under (optional) and a color."""

    name = serializers.CharField(max_length=32)
    parent = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text=f"One of: {', '.join(EXPENSE_CATEGORIES)}, or empty.",
    )
    color = serializers.CharField(
        max_length=7, required=False, allow_blank=True, help_text="#RRGGBB"
    )


class ExpenseCategoryMoveSerializer(serializers.Serializer):
    """Where the expenses of a deleted category go."""

    move_to = serializers.CharField(max_length=32, required=False)


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


ExpenseInsightsEnvelopeSerializer = ai_envelope(
    "ExpenseInsightsEnvelopeSerializer", ExpenseInsightsSerializer
)
ExpenseParseTextResponseSerializer = parse_response(
    "ExpenseParseTextResponseSerializer",
    ParsedExpenseSerializer,
    "expense",
    ExpenseSerializer,
    duplicates=True,
)
