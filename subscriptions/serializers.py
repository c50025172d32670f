"""Serializers of the subscriptions feature: shapes in, rendering out.

Serializers check the shape of what comes in (types, ranges, choices); the rules
between fields (a trial needs its end, custom cycles need their days, dates in
order) and everything that depends on the user (their today, their currency) are
the service's. Money totals use the kit's one shape: lists of
`{"currency": "USD", "total": "25.98", ...}` rows.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mysphere_core import duplicates, money
from mysphere_core.fields import (
    BoundedDateField,
    CurrencyField,
    EnumField,
    MoneyField,
    TotalField,
)
from mysphere_core.limits import EARLIEST_DATE, LATEST_DATE
from mysphere_core.serializers import (
    FlatRowSerializer,
    parse_response,
)
from subscriptions.models import (
    HEX_COLOR_VALIDATOR,
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)

USAGE_TRACKING_KEYS = {"monthly_limit", "unit"}
# Free text has a bound (a 400 naming the field beyond it); names follow the model.
MAX_DESCRIPTION = 2000
MAX_NOTES = 2000
CYCLE_DAYS_MESSAGE = "Must be between 1 and 365 days."

BILLING_CYCLES = SubscriptionModel.BillingCycle.choices
INTERVAL_UNITS = SubscriptionModel.IntervalUnit.choices
STATUSES = SubscriptionModel.Status.choices
PAYMENT_METHODS = SubscriptionModel.PaymentMethod.choices
PAYMENT_STATUSES = SubscriptionPaymentModel.Status.choices
RECORD_STATUSES = ("paid", "pending", "failed", "refunded")
CORRECTION_STATUSES = ("paid", "pending", "failed")
MAX_REFUND_REASON = 500
ALERT_TYPES = SubscriptionAlertModel.AlertType.choices
LEVELS = ("low", "medium", "high")
EVENT_TYPES = ("renewal", "trial_end")


def _enum(component: str, choices: Any, label_text: str) -> type[EnumField]:
    """The kit's EnumField over `choices`, named `component` in the OpenAPI schema:
    other features have fields of the same names (status, payment_method) with
    other choices, and their enums must not collide."""
    values = [c[0] if isinstance(c, (tuple, list)) else c for c in choices]

    def __init__(self: EnumField, **kwargs: Any) -> None:
        EnumField.__init__(self, choices, label_text=label_text, **kwargs)

    field_class = type(component, (EnumField,), {"__init__": __init__})
    schema = {"type": "string", "enum": values}
    return extend_schema_field(schema, component_name=component)(field_class)


BillingCycleField = _enum(
    "SubscriptionBillingCycleEnum", BILLING_CYCLES, "billing cycle"
)
IntervalUnitField = _enum(
    "SubscriptionIntervalUnitEnum", INTERVAL_UNITS, "interval unit"
)
StatusField = _enum("SubscriptionStatusEnum", STATUSES, "status")
PaymentMethodField = _enum(
    "SubscriptionPaymentMethodEnum", PAYMENT_METHODS, "payment method"
)
PaymentStatusField = _enum(
    "SubscriptionPaymentStatusEnum", PAYMENT_STATUSES, "payment status"
)
RecordStatusField = _enum(
    "SubscriptionPaymentRecordStatusEnum", RECORD_STATUSES, "payment status"
)
CorrectionStatusField = _enum(
    "SubscriptionPaymentCorrectionStatusEnum", CORRECTION_STATUSES, "payment status"
)
AlertTypeField = _enum("SubscriptionAlertTypeEnum", ALERT_TYPES, "alert type")
LevelField = _enum("SubscriptionInsightLevelEnum", LEVELS, "level")
EventTypeField = _enum("SubscriptionEventTypeEnum", EVENT_TYPES, "event type")


class BlankAsNullURLField(serializers.URLField):
    """A URL that is null when unset: stored as "" (the model's blank), rendered and
    documented as null, so the schema's `format: uri` never meets an empty string.
    Input takes a real URL, "" or null (both unset it)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        """Null and "" both mean unset: stored as ""."""
        value = super().run_validation(data)
        return value or ""

    def to_representation(self, value: Any) -> str | None:
        """Null when unset."""
        return value or None


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


class SubscriptionSerializer(FlatRowSerializer):
    """A subscription as the API shows it, with its costs and renewal countdown."""

    category = CategoryBriefSerializer(read_only=True, allow_null=True)
    billing_cycle = BillingCycleField(read_only=True)
    custom_cycle_days = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="A custom cycle counted in days (else null); see the interval.",
    )
    interval_unit = IntervalUnitField(read_only=True)
    status = StatusField(read_only=True)
    payment_method = PaymentMethodField(read_only=True)
    website_url = BlankAsNullURLField(read_only=True, allow_blank=False)
    monthly_cost = TotalField()
    yearly_cost = TotalField()
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
            "interval_count",
            "interval_unit",
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_days_until_renewal(self, obj: SubscriptionModel) -> int:
        """Days from the user's today (set by the service) to the next billing date."""
        return obj.days_until_renewal(obj.user_today)

    def get_is_overdue(self, obj: SubscriptionModel) -> bool:
        """Active and past its next billing date (the user's today)."""
        return obj.is_overdue(obj.user_today)


class SubscriptionCreateSerializer(serializers.Serializer):
    """Create or update a subscription (PATCH: any subset of the fields)."""

    name = serializers.CharField(max_length=200)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_DESCRIPTION
    )
    provider = serializers.CharField(max_length=100)
    category_id = serializers.IntegerField(required=False, allow_null=True)
    amount = MoneyField()
    currency = CurrencyField(
        required=False,
        help_text="ISO 4217 code in any case (stored upper case); the user's "
        "currency when omitted.",
    )
    billing_cycle = BillingCycleField()
    custom_cycle_days = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=365,
        error_messages={
            "min_value": CYCLE_DAYS_MESSAGE,
            "max_value": CYCLE_DAYS_MESSAGE,
        },
        help_text="1-365; a custom cycle of so many days (or give interval_count "
        "and interval_unit); dropped for the named cycles.",
    )
    interval_count = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=365,
        help_text="A custom cycle of every `interval_count` `interval_unit`: at most "
        "365 days, 52 weeks, 120 months or 10 years. Named cycles have their own.",
    )
    interval_unit = IntervalUnitField(required=False, allow_null=True)
    start_date = BoundedDateField()
    next_billing_date = BoundedDateField(
        required=False,
        help_text="The first billing date after today on the start date's series "
        "(the trial end for trials) when omitted.",
    )
    end_date = BoundedDateField(required=False, allow_null=True)
    payment_method = PaymentMethodField(required=False)
    auto_renewal = serializers.BooleanField(required=False)
    reminder_days = serializers.IntegerField(required=False, min_value=0, max_value=60)
    email_notifications = serializers.BooleanField(required=False)
    website_url = BlankAsNullURLField(max_length=200, required=False)
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_NOTES
    )
    usage_tracking = serializers.DictField(
        required=False,
        help_text='Optional {"monthly_limit": 20, "unit": "sessions"}.',
    )
    is_trial = serializers.BooleanField(required=False)
    trial_end_date = BoundedDateField(
        required=False,
        allow_null=True,
        help_text="Required for a trial; giving it alone makes (or ends) a trial.",
    )

    def validate_amount(self, value: Any) -> Any:
        """Amounts are positive and at most `money.ceiling("subscription")`."""
        money.check_amount(value, "subscription")
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


class SubscriptionCancelSerializer(serializers.Serializer):
    """When the subscription ends (today when omitted)."""

    end_date = BoundedDateField(required=False)


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
            "refunded_amount",
            "refund_date",
            "refund_reason",
            "refund_expense_id",
            "created_at",
        ]
        read_only_fields = fields


class SubscriptionPaymentCreateSerializer(serializers.Serializer):
    """Record a payment; everything defaults from the subscription's current cycle."""

    amount = MoneyField(
        required=False, help_text="The subscription's amount when omitted."
    )
    payment_date = BoundedDateField(required=False, help_text="Today if omitted.")
    due_date = BoundedDateField(
        required=False, help_text="The current next billing date when omitted."
    )
    status = RecordStatusField(default="paid")
    payment_method = PaymentMethodField(required=False)
    transaction_id = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_NOTES
    )
    create_expense = serializers.BooleanField(
        default=True, help_text="Record a paid payment as an expense too."
    )

    def validate_amount(self, value: Any) -> Any:
        """Payments are positive."""
        if value <= 0:
            raise serializers.ValidationError("Amount must be greater than 0.")
        return value


class SubscriptionPaymentUpdateSerializer(serializers.Serializer):
    """Correct a payment (PATCH): any of its fields, checked as when recording."""

    amount = MoneyField(required=False)
    payment_date = BoundedDateField(required=False)
    due_date = BoundedDateField(required=False)
    status = CorrectionStatusField(
        required=False, help_text="Refunds go through POST .../refund/."
    )
    payment_method = PaymentMethodField(required=False)
    transaction_id = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_NOTES
    )
    create_expense = serializers.BooleanField(
        default=True,
        help_text="When the payment becomes paid and has no expense, record one.",
    )

    def validate_amount(self, value: Any) -> Any:
        """Payments are positive."""
        if value <= 0:
            raise serializers.ValidationError("Amount must be greater than 0.")
        return value


class SubscriptionPaymentRefundSerializer(serializers.Serializer):
    """Refund a paid payment: all of it by default, today by default."""

    amount = MoneyField(
        required=False, help_text="At most the payment's amount (all of it if omitted)."
    )
    refund_date = BoundedDateField(required=False, help_text="Today if omitted.")
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_REFUND_REASON
    )

    def validate_amount(self, value: Any) -> Any:
        """Refunds are positive."""
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
    usage_date = BoundedDateField(required=False, help_text="Today if omitted.")
    usage_count = serializers.IntegerField(min_value=0, max_value=100_000, default=1)
    usage_duration = serializers.DurationField(
        required=False,
        allow_null=True,
        min_value=timedelta(0),
        max_value=timedelta(days=1),
        help_text="Time used that day, e.g. 01:30:00 (at most a day).",
    )
    usage_value = MoneyField(required=False, allow_null=True, min_value=0)

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
        extra_kwargs = {"notes": {"required": False, "max_length": MAX_NOTES}}


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
        if not EARLIEST_DATE.year <= int(year) <= LATEST_DATE.year:
            raise serializers.ValidationError("Use a year between 1900 and 2999.")
        return date(int(year), int(month), 1)


class ParseTextSerializer(serializers.Serializer):
    """Text to read a subscription from."""

    text = serializers.CharField(max_length=500)
    dry_run = serializers.BooleanField(
        default=False,
        help_text="true: only parse; otherwise the subscription is created too.",
    )
    confirm_duplicates = serializers.BooleanField(
        default=False, help_text=duplicates.CONFIRM_HELP
    )


class ParsedSubscriptionSerializer(serializers.Serializer):
    """What was read from the text."""

    name = serializers.CharField(allow_null=True)
    provider = serializers.CharField(allow_null=True)
    amount = serializers.CharField(allow_null=True)
    currency = serializers.CharField()
    billing_cycle = serializers.CharField()
    custom_cycle_days = serializers.IntegerField(allow_null=True)
    interval_count = serializers.IntegerField(allow_null=True)
    interval_unit = serializers.CharField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    next_billing_date = serializers.DateField(allow_null=True)
    is_trial = serializers.BooleanField()
    trial_end_date = serializers.DateField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    payment_method = serializers.CharField(allow_null=True)
    confidence = serializers.FloatField()


ParseTextResultSerializer = parse_response(
    "SubscriptionParseTextResponseSerializer",
    ParsedSubscriptionSerializer,
    "subscription",
    SubscriptionSerializer,
    duplicates=True,
)
