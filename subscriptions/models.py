"""Models of the subscriptions feature: subscriptions, categories, payments, usage,
alerts and price history."""

from datetime import date
from decimal import Decimal

import shortuuid
from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models.functions import Lower

from mysphere_core.models import BaseModel, MoneyAmountField, PaymentMethod
from mysphere_core.money import (
    check_record_minor_units,
    format_money,
    validate_currency,
)
from subscriptions import billing

SUBSCRIPTION_ID_PREFIX = "SUB"
SUBSCRIPTION_ID_LENGTH = 25
HEX_COLOR_VALIDATOR = RegexValidator(
    r"^#[0-9A-Fa-f]{6}\Z", "Enter a colour as #RRGGBB, e.g. #3B82F6."
)


def generate_subscription_id() -> str:
    """`SUB` + a 22-character shortuuid: 25 characters in all."""
    return f"{SUBSCRIPTION_ID_PREFIX}{shortuuid.uuid()}"


class SubscriptionCategoryModel(BaseModel):
    """A user's own grouping of subscriptions (Streaming, Music, Software...)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscription_categories",
    )
    name = models.CharField(max_length=100)
    color = models.CharField(
        max_length=7, default="#3B82F6", validators=[HEX_COLOR_VALIDATOR]
    )
    icon = models.CharField(max_length=50, default="circle")

    class Meta:
        verbose_name = "subscription category"
        verbose_name_plural = "subscription categories"
        db_table = "subscription_categories"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "user",
                condition=models.Q(is_active=True),
                name="subscription_category_unique_name_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"


def _interval_in_range() -> models.Q:
    """1 up to the unit's longest interval (`billing.MAX_INTERVAL`)."""
    condition = models.Q()
    for unit, longest in billing.MAX_INTERVAL.items():
        condition |= models.Q(
            interval_unit=unit, interval_count__gte=1, interval_count__lte=longest
        )
    return condition


class SubscriptionModel(BaseModel):
    """Something the user pays for again and again."""

    class BillingCycle(models.TextChoices):
        WEEKLY = billing.WEEKLY, "Weekly"
        MONTHLY = billing.MONTHLY, "Monthly"
        QUARTERLY = billing.QUARTERLY, "Quarterly"
        YEARLY = billing.YEARLY, "Yearly"
        CUSTOM = billing.CUSTOM, "Custom"

    class IntervalUnit(models.TextChoices):
        DAYS = billing.DAYS, "Days"
        WEEKS = billing.WEEKS, "Weeks"
        MONTHS = billing.MONTHS, "Months"
        YEARS = billing.YEARS, "Years"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    PaymentMethod = PaymentMethod  # the kit's one list

    subscription_id = models.CharField(
        primary_key=True,
        max_length=SUBSCRIPTION_ID_LENGTH,
        default=generate_subscription_id,
        editable=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    provider = models.CharField(max_length=100)
    category = models.ForeignKey(
        SubscriptionCategoryModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    amount = MoneyAmountField(
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency]
    )
    billing_cycle = models.CharField(max_length=20, choices=BillingCycle.choices)
    interval_count = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="The exact interval: every `interval_count` `interval_unit` "
        "(a named cycle's own: weekly 1 week, quarterly 3 months...).",
    )
    interval_unit = models.CharField(
        max_length=6, choices=IntervalUnit.choices, default=IntervalUnit.MONTHS
    )
    start_date = models.DateField()
    next_billing_date = models.DateField()
    billing_anchor_date = models.DateField(
        help_text="Billing dates are whole cycles after this date (set by the service)."
    )
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    payment_method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.CARD
    )
    auto_renewal = models.BooleanField(default=True)
    reminder_days = models.PositiveSmallIntegerField(
        default=3, validators=[MaxValueValidator(60)]
    )
    email_notifications = models.BooleanField(default=True)
    website_url = models.URLField(max_length=200, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    ai_insights = models.JSONField(default=dict, blank=True)
    usage_tracking = models.JSONField(default=dict, blank=True)
    is_trial = models.BooleanField(default=False)
    trial_end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "subscription"
        db_table = "subscriptions"
        ordering = ["next_billing_date", "name", "subscription_id"]
        indexes = [
            models.Index(fields=["user", "status"], name="sub_user_status_idx"),
            models.Index(fields=["next_billing_date"], name="sub_next_billing_idx"),
            models.Index(fields=["category"], name="sub_category_idx"),
            models.Index(
                fields=["user", "status", "next_billing_date"],
                name="sub_user_status_date_idx",
            ),
            models.Index(fields=["category", "status"], name="sub_category_status_idx"),
            models.Index(
                fields=["user", "next_billing_date"],
                condition=models.Q(status="active"),
                name="sub_active_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="subscription_amount_positive"
            ),
            models.CheckConstraint(
                condition=_interval_in_range(),
                name="subscription_interval_range",
            ),
            models.CheckConstraint(
                condition=models.Q(next_billing_date__gte=models.F("start_date")),
                name="subscription_next_billing_after_start",
            ),
        ]

    def clean(self) -> None:
        """Amounts in the currency's minor units (no decimals in JPY)."""
        super().clean()
        check_record_minor_units(self, "amount")

    def __str__(self) -> str:
        price = format_money(self.amount, self.currency)
        return f"{self.name} ({price} {self.billing_cycle})"

    @property
    def interval(self) -> billing.Interval:
        """The exact billing interval: a named cycle's own, a custom one's stored."""
        if self.billing_cycle in billing.NAMED_INTERVALS:
            return billing.NAMED_INTERVALS[self.billing_cycle]
        return billing.Interval(self.interval_count, self.interval_unit)

    @property
    def custom_cycle_days(self) -> int | None:
        """The days of a custom cycle counted in days (the API's older field)."""
        if self.billing_cycle == billing.CUSTOM and self.interval_unit == billing.DAYS:
            return self.interval_count
        return None

    @property
    def monthly_cost(self) -> Decimal:
        """Exact monthly equivalent of the amount (unrounded)."""
        return billing.monthly_cost(self.amount, self.billing_cycle, self.interval)

    @property
    def yearly_cost(self) -> Decimal:
        """Exact yearly equivalent: monthly cost x 12 (unrounded)."""
        return billing.yearly_cost(self.amount, self.billing_cycle, self.interval)

    @property
    def schedule(self) -> tuple[date, str, billing.Interval]:
        """(anchor, cycle, interval): what the billing functions take first."""
        return (self.billing_anchor_date, self.billing_cycle, self.interval)

    def days_until_renewal(self, today: date) -> int:
        """Days from `today` (the user's date) to the next billing date."""
        return (self.next_billing_date - today).days

    def is_overdue(self, today: date) -> bool:
        """Active, not renewing by itself, and the next billing date has passed
        without a payment (an auto-renewing one is paid by the renewal job)."""
        return (
            self.status == self.Status.ACTIVE
            and not self.auto_renewal
            and self.next_billing_date < today
        )


# Payment statuses whose cycle counts as paid (a partial refund keeps it paid).
PAID_STATUSES = ("paid", "partially_refunded")


class SubscriptionPaymentModel(BaseModel):
    """One payment of one billing cycle, possibly mirrored by an expense."""

    class Status(models.TextChoices):
        PAID = "paid", "Paid"
        PENDING = "pending", "Pending"
        FAILED = "failed", "Failed"
        REFUNDED = "refunded", "Refunded"
        PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"

    subscription = models.ForeignKey(
        SubscriptionModel, on_delete=models.CASCADE, related_name="payments"
    )
    amount = MoneyAmountField(
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(max_length=3, validators=[validate_currency])
    payment_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices)
    payment_method = models.CharField(
        max_length=20, choices=SubscriptionModel.PaymentMethod.choices
    )
    transaction_id = models.CharField(max_length=100, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    expense_id = models.PositiveBigIntegerField(null=True, blank=True)
    refunded_amount = MoneyAmountField(
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    refund_date = models.DateField(null=True, blank=True)
    refund_reason = models.CharField(max_length=500, blank=True, default="")
    refund_expense_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "subscription payment"
        db_table = "subscription_payments"
        ordering = ["-payment_date", "-id"]
        indexes = [
            models.Index(
                fields=["subscription", "payment_date"], name="sub_payment_date_idx"
            ),
            models.Index(fields=["status", "payment_date"], name="sub_payment_st_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "due_date"],
                condition=models.Q(
                    status__in=PAID_STATUSES,
                    is_active=True,
                ),
                name="subscription_payment_one_paid_per_cycle",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="subscription_payment_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    refunded_amount__gte=0, refunded_amount__lte=models.F("amount")
                ),
                name="subscription_payment_refund_within_amount",
            ),
        ]

    def __str__(self) -> str:
        price = format_money(self.amount, self.currency)
        return f"{self.subscription_id} {price} ({self.status})"

    @property
    def source_ref(self) -> str:
        """What the linked expense names as the object that recorded it (≤ 64 chars).

        It reads as the API path of the payment, so the expenses API's refusal says
        where to delete it: `subscriptions/SUB.../payments/12`.
        """
        return f"subscriptions/{self.subscription_id}/payments/{self.pk}"


class SubscriptionUsageModel(BaseModel):
    """How much a subscription was used on a day."""

    subscription = models.ForeignKey(
        SubscriptionModel, on_delete=models.CASCADE, related_name="usage_logs"
    )
    usage_date = models.DateField()
    usage_count = models.PositiveIntegerField(default=0)
    usage_duration = models.DurationField(null=True, blank=True)
    usage_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "subscription usage"
        verbose_name_plural = "subscription usage"
        db_table = "subscription_usage"
        ordering = ["-usage_date", "-id"]
        indexes = [
            models.Index(
                fields=["subscription", "usage_date"], name="sub_usage_date_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id} used {self.usage_count}x on {self.usage_date}"


class SubscriptionAlertModel(BaseModel):
    """Something the user should know about a subscription."""

    class AlertType(models.TextChoices):
        PAYMENT_DUE = "payment_due", "Payment due"
        PRICE_INCREASE = "price_increase", "Price increase"
        RENEWAL_REMINDER = "renewal_reminder", "Renewal reminder"
        USAGE_LIMIT = "usage_limit", "Usage limit"
        CANCELLATION_REMINDER = "cancellation_reminder", "Cancellation reminder"
        TRIAL_ENDING = "trial_ending", "Trial ending"
        STATUS_CHANGE = "status_change", "Status change"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscription_alerts",
    )
    subscription = models.ForeignKey(
        SubscriptionModel, on_delete=models.CASCADE, related_name="alerts"
    )
    alert_type = models.CharField(max_length=30, choices=AlertType.choices)
    title = models.CharField(max_length=200)
    message = models.TextField()
    alert_date = models.DateTimeField()
    alert_day = models.DateField(help_text="The user's local date of the alert.")
    is_read = models.BooleanField(default=False)
    is_dismissed = models.BooleanField(default=False)

    class Meta:
        verbose_name = "subscription alert"
        db_table = "subscription_alerts"
        ordering = ["is_read", "-alert_date", "-id"]
        indexes = [
            models.Index(
                fields=["subscription", "is_read", "is_dismissed"],
                name="sub_alert_unread_idx",
            ),
            models.Index(
                fields=["user", "is_dismissed", "is_read"], name="sub_alert_user_idx"
            ),
            models.Index(
                fields=["subscription", "is_read", "created_at"],
                name="sub_alert_read_created_idx",
            ),
            models.Index(
                fields=["is_dismissed", "created_at"], name="sub_alert_cleanup_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "alert_type", "alert_day"],
                condition=~models.Q(alert_type="status_change"),
                name="subscription_alert_one_per_type_and_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert_type}: {self.title}"


class SubscriptionPriceChangeModel(BaseModel):
    """A change of a subscription's amount: its price history."""

    subscription = models.ForeignKey(
        SubscriptionModel, on_delete=models.CASCADE, related_name="price_changes"
    )
    old_amount = MoneyAmountField()
    old_currency = models.CharField(max_length=3, validators=[validate_currency])
    new_amount = MoneyAmountField()
    currency = models.CharField(max_length=3, validators=[validate_currency])
    effective_date = models.DateField()

    class Meta:
        verbose_name = "subscription price change"
        db_table = "subscription_price_changes"
        ordering = ["-effective_date", "-id"]
        indexes = [
            models.Index(
                fields=["subscription", "effective_date"], name="sub_price_date_idx"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.subscription_id}: "
            f"{format_money(self.old_amount, self.old_currency)} -> "
            f"{format_money(self.new_amount, self.currency)} on {self.effective_date}"
        )

    @property
    def change_percent(self) -> Decimal | None:
        """The change in percent, or None when the currency changed too."""
        if self.old_currency != self.currency or not self.old_amount:
            return None
        return (self.new_amount - self.old_amount) / self.old_amount * 100
