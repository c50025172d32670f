"""Serializers of the subscriptions feature: validation in, rendering out."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mysphere_core.money import to_cents, validate_currency
from subscriptions import billing
from subscriptions.models import (
    HEX_COLOR_VALIDATOR,
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from users.services import UserService

MONEY = {"max_digits": 12, "decimal_places": 2}
USAGE_TRACKING_KEYS = {"monthly_limit", "unit"}


def _money(value: Any) -> str:
    return str(to_cents(value))


def _today(serializer: serializers.Field) -> date:
    """The requesting user's today, computed once per response."""
    context = serializer.context
    if "today" not in context:
        context["today"] = UserService.today_for(user=context["request"].user)
    return context["today"]


def _enum_field(component: str, values: list[str]) -> type[serializers.ChoiceField]:
    """A ChoiceField with its own named enum in the OpenAPI schema.

    Named `Subscription...` so that choice sets of other features with the same field
    names (status, payment_method) never collide in the schema.
    """

    class EnumField(serializers.ChoiceField):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(choices=values, **kwargs)

    EnumField.__name__ = EnumField.__qualname__ = component
    schema = {"type": "string", "enum": values}
    return extend_schema_field(schema, component_name=component)(EnumField)


def _values(choices: list[tuple[str, str]]) -> list[str]:
    return [value for value, _label in choices]


BillingCycleField = _enum_field(
    "SubscriptionBillingCycleEnum", _values(SubscriptionModel.BillingCycle.choices)
)
SubscriptionStatusField = _enum_field(
    "SubscriptionStatusEnum", _values(SubscriptionModel.Status.choices)
)
PaymentMethodField = _enum_field(
    "SubscriptionPaymentMethodEnum", _values(SubscriptionModel.PaymentMethod.choices)
)
PaymentStatusField = _enum_field(
    "SubscriptionPaymentStatusEnum", _values(SubscriptionPaymentModel.Status.choices)
)
AlertTypeField = _enum_field(
    "SubscriptionAlertTypeEnum", _values(SubscriptionAlertModel.AlertType.choices)
)
LevelField = _enum_field("SubscriptionInsightLevelEnum", ["low", "medium", "high"])
SourceField = _enum_field("SubscriptionAISourceEnum", ["ai", "cache", "fallback"])
EventTypeField = _enum_field("SubscriptionEventTypeEnum", ["renewal", "trial_end"])


class InputDateField(serializers.DateField):
    """A date the user gives: 1900-01-01 to 2999-12-31, so cycles never overflow."""

    def to_internal_value(self, value: Any) -> date:
        """Parse, then check the range."""
        day = super().to_internal_value(value)
        if not billing.EARLIEST_DATE <= day <= billing.LATEST_DATE:
            raise serializers.ValidationError("Use a date between 1900 and 2999.")
        return day


class MoneyMapField(serializers.DictField):
    """Money grouped by currency: {"USD": "25.98", "EUR": "9.99"}."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(), **kwargs)


# --- categories ---------------------------------------------------------------------


class SubscriptionCategorySerializer(serializers.ModelSerializer):
    """A category: name (unique per user), #RRGGBB colour, icon."""

    category_id = serializers.IntegerField(source="id", read_only=True)
    name = serializers.CharField(max_length=100)
    color = serializers.CharField(
        max_length=7, required=False, validators=[HEX_COLOR_VALIDATOR]
    )
    icon = serializers.CharField(max_length=50, required=False)
    subscription_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = SubscriptionCategoryModel
        fields = [
            "category_id",
            "name",
            "color",
            "icon",
            "subscription_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_name(self, value: str) -> str:
        """No blank names."""
        if not value.strip():
            raise serializers.ValidationError("The name cannot be blank.")
        return value.strip()


class CategoryBriefSerializer(serializers.ModelSerializer):
    """A category nested in a subscription."""

    category_id = serializers.IntegerField(source="id", read_only=True)

    class Meta:
        model = SubscriptionCategoryModel
        fields = ["category_id", "name", "color", "icon"]
        read_only_fields = fields


# --- subscriptions ------------------------------------------------------------------


class SubscriptionSerializer(serializers.ModelSerializer):
    """A subscription as the API shows it, with its costs and renewal countdown."""

    category = CategoryBriefSerializer(read_only=True, allow_null=True)
    billing_cycle = BillingCycleField(read_only=True)
    status = SubscriptionStatusField(read_only=True)
    payment_method = PaymentMethodField(read_only=True)
    monthly_cost = serializers.SerializerMethodField()
    yearly_cost = serializers.SerializerMethodField()
    days_until_renewal = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = SubscriptionModel
        fields = [
            "subscription_id",
            "name",
            "description",
            "provider",
            "category",
            "amount",
            "currency",
            "billing_cycle",
            "custom_cycle_days",
            "monthly_cost",
            "yearly_cost",
            "start_date",
            "next_billing_date",
            "billing_anchor_date",
            "days_until_renewal",
            "is_overdue",
            "end_date",
            "status",
            "cancelled_at",
            "payment_method",
            "auto_renewal",
            "reminder_days",
            "email_notifications",
            "website_url",
            "notes",
            "is_trial",
            "trial_end_date",
            "usage_tracking",
            "ai_insights",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_monthly_cost(self, obj: SubscriptionModel) -> str:
        """Monthly equivalent, rounded to cents."""
        return _money(obj.monthly_cost)

    def get_yearly_cost(self, obj: SubscriptionModel) -> str:
        """Yearly equivalent (monthly x 12), rounded to cents."""
        return _money(obj.yearly_cost)

    def get_days_until_renewal(self, obj: SubscriptionModel) -> int:
        """Days from the user's today to the next billing date (negative: overdue)."""
        return obj.days_until_renewal(_today(self))

    def get_is_overdue(self, obj: SubscriptionModel) -> bool:
        """Active and past its next billing date."""
        return obj.is_overdue(_today(self))


class SubscriptionCreateSerializer(serializers.Serializer):
    """Create or update a subscription (PATCH: any subset of the fields)."""

    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    provider = serializers.CharField(max_length=100)
    category_id = serializers.IntegerField(required=False, allow_null=True)
    amount = serializers.DecimalField(**MONEY, min_value=0)
    currency = serializers.CharField(
        max_length=3,
        required=False,
        validators=[validate_currency],
        help_text="ISO 4217 code; the user's currency when omitted.",
    )
    billing_cycle = BillingCycleField()
    custom_cycle_days = serializers.IntegerField(required=False, allow_null=True)
    start_date = InputDateField()
    next_billing_date = InputDateField(
        required=False,
        help_text="The first billing date after today on the start date's series "
        "(the trial end for trials) when omitted.",
    )
    end_date = InputDateField(required=False, allow_null=True)
    payment_method = PaymentMethodField(required=False)
    auto_renewal = serializers.BooleanField(required=False)
    reminder_days = serializers.IntegerField(required=False, min_value=0, max_value=60)
    email_notifications = serializers.BooleanField(required=False)
    website_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    usage_tracking = serializers.DictField(
        required=False,
        help_text='Optional {"monthly_limit": 20, "unit": "sessions"}.',
    )
    is_trial = serializers.BooleanField(required=False)
    trial_end_date = InputDateField(required=False, allow_null=True)

    def validate_currency(self, value: str) -> str:
        """Currency codes are upper case."""
        return value.upper()

    def validate_amount(self, value: Any) -> Any:
        """Amounts are positive."""
        if value <= 0:
            raise serializers.ValidationError("Amount must be greater than 0.")
        return value

    def validate_usage_tracking(self, value: dict) -> dict:
        """Only `monthly_limit` (a positive integer) and `unit` (text)."""
        unknown = set(value) - USAGE_TRACKING_KEYS
        if unknown:
            raise serializers.ValidationError(
                f"Unknown keys: {', '.join(sorted(unknown))}. "
                "Use monthly_limit and unit."
            )
        limit = value.get("monthly_limit")
        if limit is not None and (
            not isinstance(limit, int) or isinstance(limit, bool) or limit < 1
        ):
            raise serializers.ValidationError(
                "monthly_limit must be a whole number >= 1."
            )
        unit = value.get("unit")
        if unit is not None and (not isinstance(unit, str) or len(unit) > 30):
            raise serializers.ValidationError(
                "unit must be text of 30 characters or less."
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Cross-field rules, checked against the stored values on PATCH."""
        instance = self.instance

        def value(name: str) -> Any:
            if name in attrs:
                return attrs[name]
            return getattr(instance, name, None) if instance is not None else None

        errors: dict[str, list[str]] = {}
        if "trial_end_date" in attrs and "is_trial" not in attrs:
            attrs["is_trial"] = attrs["trial_end_date"] is not None
        cycle = value("billing_cycle")
        days = value("custom_cycle_days")
        if cycle == billing.CUSTOM:
            if days is None:
                errors["custom_cycle_days"] = ["Required for a custom billing cycle."]
            elif not 1 <= days <= 365:
                errors["custom_cycle_days"] = ["Must be between 1 and 365 days."]
        elif "custom_cycle_days" in attrs and attrs["custom_cycle_days"] is not None:
            attrs["custom_cycle_days"] = None
        start = value("start_date")
        next_date = attrs.get("next_billing_date")
        if start and next_date and next_date < start:
            errors["next_billing_date"] = ["Cannot be before the start date."]
        end = value("end_date")
        if start and end and end < start:
            errors["end_date"] = ["Cannot be before the start date."]
        trial_end = value("trial_end_date")
        if start and trial_end and trial_end < start:
            errors["trial_end_date"] = ["The trial cannot end before the start date."]
        if value("is_trial") and not trial_end:
            errors["trial_end_date"] = ["Required for a free trial."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SubscriptionCancelSerializer(serializers.Serializer):
    """When the subscription ends (today when omitted)."""

    end_date = InputDateField(required=False)


# --- payments, usage, price history -------------------------------------------------


class SubscriptionPaymentSerializer(serializers.ModelSerializer):
    """A payment of one billing cycle."""

    payment_id = serializers.IntegerField(source="id", read_only=True)
    subscription_id = serializers.CharField(read_only=True)
    status = PaymentStatusField(read_only=True)
    payment_method = PaymentMethodField(read_only=True)

    class Meta:
        model = SubscriptionPaymentModel
        fields = [
            "payment_id",
            "subscription_id",
            "amount",
            "currency",
            "payment_date",
            "due_date",
            "status",
            "payment_method",
            "transaction_id",
            "notes",
            "expense_id",
            "created_at",
        ]
        read_only_fields = fields


class SubscriptionPaymentCreateSerializer(serializers.Serializer):
    """Record a payment; everything defaults from the subscription's current cycle."""

    amount = serializers.DecimalField(
        **MONEY, required=False, help_text="The subscription's amount when omitted."
    )
    payment_date = InputDateField(required=False, help_text="Today if omitted.")
    due_date = InputDateField(
        required=False, help_text="The current next billing date when omitted."
    )
    status = PaymentStatusField(default="paid")
    payment_method = PaymentMethodField(required=False)
    transaction_id = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    notes = serializers.CharField(required=False, allow_blank=True)
    create_expense = serializers.BooleanField(
        default=True, help_text="Record a paid payment as an expense too."
    )

    def validate_amount(self, value: Any) -> Any:
        """Payments are positive."""
        if value <= 0:
            raise serializers.ValidationError("Amount must be greater than 0.")
        return value


class PaymentResultSerializer(serializers.Serializer):
    """The recorded payment and the subscription after it."""

    payment = SubscriptionPaymentSerializer()
    subscription = SubscriptionSerializer()


class SubscriptionUsageSerializer(serializers.ModelSerializer):
    """How much a subscription was used on a day."""

    usage_id = serializers.IntegerField(source="id", read_only=True)
    subscription_id = serializers.CharField(read_only=True)
    usage_date = InputDateField(required=False, help_text="Today if omitted.")
    usage_count = serializers.IntegerField(min_value=0, max_value=100_000, default=1)
    usage_duration = serializers.DurationField(
        required=False,
        allow_null=True,
        min_value=timedelta(0),
        max_value=timedelta(days=1),
        help_text="Time used that day, e.g. 01:30:00 (at most a day).",
    )
    usage_value = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, min_value=0
    )

    class Meta:
        model = SubscriptionUsageModel
        fields = [
            "usage_id",
            "subscription_id",
            "usage_date",
            "usage_count",
            "usage_duration",
            "usage_value",
            "notes",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs = {"notes": {"required": False}}


class SubscriptionPriceChangeSerializer(serializers.ModelSerializer):
    """One change of a subscription's price."""

    price_change_id = serializers.IntegerField(source="id", read_only=True)
    subscription_id = serializers.CharField(read_only=True)
    change_percent = serializers.SerializerMethodField()

    class Meta:
        model = SubscriptionPriceChangeModel
        fields = [
            "price_change_id",
            "subscription_id",
            "old_amount",
            "old_currency",
            "new_amount",
            "currency",
            "change_percent",
            "effective_date",
            "created_at",
        ]
        read_only_fields = fields

    def get_change_percent(self, obj: SubscriptionPriceChangeModel) -> str | None:
        """Change in percent, one decimal ("12.5", "-10.0"); null across currencies."""
        percent = obj.change_percent
        return None if percent is None else str(percent.quantize(Decimal("0.1")))


# --- alerts -------------------------------------------------------------------------


class SubscriptionAlertSerializer(serializers.ModelSerializer):
    """An alert about a subscription."""

    alert_id = serializers.IntegerField(source="id", read_only=True)
    subscription_id = serializers.CharField(read_only=True)
    subscription_name = serializers.CharField(
        source="subscription.name", read_only=True
    )
    alert_type = AlertTypeField(read_only=True)

    class Meta:
        model = SubscriptionAlertModel
        fields = [
            "alert_id",
            "subscription_id",
            "subscription_name",
            "alert_type",
            "title",
            "message",
            "alert_date",
            "is_read",
            "is_dismissed",
            "created_at",
        ]
        read_only_fields = fields


class ReadAllResultSerializer(serializers.Serializer):
    """How many alerts were marked read."""

    updated = serializers.IntegerField()


# --- portfolio views ----------------------------------------------------------------


class UpcomingQuerySerializer(serializers.Serializer):
    """`?days=7` (1-365)."""

    days = serializers.IntegerField(min_value=1, max_value=365, default=7)


class CalendarQuerySerializer(serializers.Serializer):
    """`?month=YYYY-MM` (the current month when omitted)."""

    month = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": "Use YYYY-MM, e.g. 2026-03."},
    )

    def validate_month(self, value: str) -> date:
        """The first day of the month."""
        year, month = value.split("-")
        if not billing.EARLIEST_DATE.year <= int(year) <= billing.LATEST_DATE.year:
            raise serializers.ValidationError("Use a year between 1900 and 2999.")
        return date(int(year), int(month), 1)


class CategoryCostSerializer(serializers.Serializer):
    """Active subscriptions of a category and their monthly cost by currency."""

    category_id = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()
    cost = MoneyMapField()


class DashboardSerializer(serializers.Serializer):
    """The dashboard of the seed, with money grouped by currency."""

    currency = serializers.CharField()
    total_subscriptions = serializers.IntegerField()
    active_subscriptions = serializers.IntegerField()
    paused_subscriptions = serializers.IntegerField()
    cancelled_subscriptions = serializers.IntegerField()
    expired_subscriptions = serializers.IntegerField()
    monthly_cost = MoneyMapField()
    yearly_cost = MoneyMapField()
    upcoming_renewals = serializers.IntegerField(help_text="Within 7 days.")
    overdue_payments = serializers.IntegerField()
    trials_ending_soon = serializers.IntegerField(help_text="Within 3 days.")
    categories = serializers.DictField(child=CategoryCostSerializer())
    recent_subscriptions = SubscriptionSerializer(many=True)


class TrendMonthSerializer(serializers.Serializer):
    """Paid in one month, by currency."""

    month = serializers.CharField()
    totals = MoneyMapField()
    payments = serializers.IntegerField()


class MethodBreakdownSerializer(serializers.Serializer):
    """Active subscriptions paid one way."""

    count = serializers.IntegerField()
    monthly_cost = MoneyMapField()


class CategorySpendingSerializer(serializers.Serializer):
    """A category's monthly cost and everything paid for it."""

    category = serializers.CharField()
    category_id = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()
    monthly_cost = MoneyMapField()
    lifetime_spent = MoneyMapField()


class LifetimeSpentSerializer(serializers.Serializer):
    """Everything paid for one subscription."""

    subscription_id = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField()
    currency = serializers.CharField()
    payments = serializers.IntegerField()
    last_payment_date = serializers.DateField(allow_null=True)
    total_spent = MoneyMapField()


class PeriodSerializer(serializers.Serializer):
    """A date range."""

    start = serializers.DateField()
    end = serializers.DateField()


class AnalyticsSerializer(serializers.Serializer):
    """Analytics of the seed (cached 15 minutes)."""

    period = PeriodSerializer()
    cost_trend = TrendMonthSerializer(many=True)
    payment_methods = serializers.DictField(child=MethodBreakdownSerializer())
    average_monthly_cost = MoneyMapField()
    category_spending = CategorySpendingSerializer(many=True)
    lifetime_spent = LifetimeSpentSerializer(many=True)
    generated_at = serializers.DateTimeField()


class CalendarEventSerializer(serializers.Serializer):
    """A renewal or a trial end on a day."""

    date = serializers.DateField()
    type = EventTypeField()
    subscription_id = serializers.CharField()
    name = serializers.CharField()
    provider = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()


class CalendarSerializer(serializers.Serializer):
    """A month of renewals."""

    month = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    events = CalendarEventSerializer(many=True)
    totals = MoneyMapField(help_text="Renewals of the month, by currency.")


class ParseTextSerializer(serializers.Serializer):
    """Text to read a subscription from."""

    text = serializers.CharField(max_length=500)
    dry_run = serializers.BooleanField(
        default=False,
        help_text="true: only parse; otherwise the subscription is created too.",
    )


class ParsedSubscriptionSerializer(serializers.Serializer):
    """What was read from the text."""

    name = serializers.CharField(allow_null=True)
    provider = serializers.CharField(allow_null=True)
    amount = serializers.CharField(allow_null=True)
    currency = serializers.CharField()
    billing_cycle = serializers.CharField()
    custom_cycle_days = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    next_billing_date = serializers.DateField(allow_null=True)
    is_trial = serializers.BooleanField()
    trial_end_date = serializers.DateField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    payment_method = serializers.CharField(allow_null=True)
    confidence = serializers.FloatField()


class ParseTextResultSerializer(serializers.Serializer):
    """The parse, who made it, and the subscription when one was created."""

    parsed_data = ParsedSubscriptionSerializer()
    source = SourceField()
    ai_used = serializers.BooleanField()
    fallback_used = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    error = serializers.CharField(required=False)
    subscription = SubscriptionSerializer(allow_null=True)


class InsightSerializer(serializers.Serializer):
    """One finding."""

    type = serializers.CharField()
    severity = LevelField()
    title = serializers.CharField()
    description = serializers.CharField()
    action = serializers.CharField()
    potential_savings = serializers.FloatField()


class RecommendationSerializer(serializers.Serializer):
    """One recommendation."""

    title = serializers.CharField()
    description = serializers.CharField()
    impact = serializers.CharField()
    priority = LevelField()


class CostOptimizationSerializer(serializers.Serializer):
    """Savings in the user's currency, underused and duplicate services."""

    potential_monthly_savings = serializers.FloatField()
    currency = serializers.CharField()
    underutilized_services = serializers.ListField(child=serializers.CharField())
    duplicate_services = serializers.ListField(child=serializers.CharField())


class InsightsSerializer(serializers.Serializer):
    """The insights answer of the seed's prompt."""

    summary = serializers.CharField()
    insights = InsightSerializer(many=True)
    recommendations = RecommendationSerializer(many=True)
    cost_optimization = CostOptimizationSerializer()


class AIInsightsEnvelopeSerializer(serializers.Serializer):
    """The envelope every AI endpoint returns."""

    insights = InsightsSerializer()
    source = SourceField()
    from_cache = serializers.BooleanField()
    ai_used = serializers.BooleanField()
    fallback_used = serializers.BooleanField()
    calls_remaining = serializers.IntegerField()
    generated_at = serializers.DateTimeField()
    error = serializers.CharField(required=False)
