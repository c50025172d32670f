"""The expense: one amount of money out (or back, for a refund) on a given day."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mysphere_core import money
from mysphere_core.limits import validate_bounded_date
from mysphere_core.models import BaseModel, MoneyAmountField, PaymentMethod
from mysphere_core.money import (
    check_record_minor_units,
    format_money,
    validate_currency,
)

EXPENSE_CATEGORIES: tuple[str, ...] = (
    "Food & Dining",
    "Groceries",
    "Shopping",
    "Travel",
    "Entertainment",
    "Utilities",
    "Health",
    "Education",
    "Other",
)
DEFAULT_CATEGORY = "Other"


def validate_expense_amount(value: Decimal) -> None:
    """Amounts are strictly positive and at most `money.ceiling("expense")`."""
    money.check_amount(value, "expense")


def validate_category(value: str) -> None:
    """Only the nine categories of the rule book are accepted."""
    if value not in EXPENSE_CATEGORIES:
        raise ValidationError(
            f"'{value}' is not a category. Category must be one of: "
            f"{', '.join(EXPENSE_CATEGORIES)}.",
            code="invalid_category",
        )


class ExpenseModel(BaseModel):
    """An expense of a user: amount, currency, category, vendor and day."""

    PaymentMethod = PaymentMethod  # the kit's one list

    class ExpenseType(models.TextChoices):
        EXPENSE = "expense", "Expense"
        REFUND = "refund", "Refund"

    expense_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expenses"
    )
    amount = MoneyAmountField(validators=[validate_expense_amount])
    currency = models.CharField(max_length=3, validators=[validate_currency])
    category = models.CharField(
        max_length=32, default=DEFAULT_CATEGORY, validators=[validate_category]
    )
    vendor = models.CharField(max_length=200, blank=True, default="")
    transaction_date = models.DateField(validators=[validate_bounded_date])
    raw_text = models.TextField(
        blank=True, default="", help_text="The original text when entered in words."
    )
    payment_method = models.CharField(
        max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.OTHER
    )
    expense_type = models.CharField(
        max_length=16, choices=ExpenseType.choices, default=ExpenseType.EXPENSE
    )
    notes = models.TextField(blank=True, default="")
    ai_suggested_category = models.CharField(max_length=32, blank=True, default="")
    confidence = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="How sure the parser was (0-1), when entered in words.",
    )
    source_ref = models.CharField(
        max_length=64,
        blank=True,
        default="",
        db_index=True,
        help_text="Id of the object that recorded this expense (e.g. a payment).",
    )
    shared_amount = MoneyAmountField(
        default=Decimal("0.00"),
        help_text=(
            "What others owe of it (a split bill, kept by lending): spending counts "
            "amount minus this, the user's own share."
        ),
    )
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was soft-deleted (its owner may restore it for a while).",
    )

    class Meta:
        verbose_name = "expense"
        db_table = "expenses"
        ordering = ["-transaction_date", "-created_at", "-expense_id"]
        indexes = [
            models.Index(
                fields=["user", "transaction_date"], name="expenses_user_date"
            ),
            models.Index(fields=["category"], name="expenses_category"),
            # The list's default order of one user's active rows, read in index
            # order (no sort step, page 1 or deep) on PostgreSQL and SQLite.
            models.Index(
                fields=["user", "-transaction_date", "-created_at", "-expense_id"],
                name="expenses_user_active_newest",
                condition=Q(is_active=True),
            ),
            # Covering index: the list (in its default order), its COUNT and the
            # analytics aggregates read only this index, never the table rows.
            models.Index(
                fields=[
                    "user",
                    "transaction_date",
                    "created_at",
                    "expense_id",
                    "is_active",
                    "currency",
                    "category",
                    "expense_type",
                    "amount",
                ],
                name="expenses_user_covering",
            ),
        ]

    def soft_delete(self) -> None:
        """Hide the row from the API, noting when (the owner's undo window)."""
        self.is_active = False
        self.deleted_at = timezone.now()
        self.save(update_fields=["is_active", "deleted_at", "updated_at"])

    def clean(self) -> None:
        """Amounts in the currency's minor units (no decimals in JPY)."""
        super().clean()
        check_record_minor_units(self, "amount")

    def __str__(self) -> str:
        sign = "-" if self.expense_type == self.ExpenseType.REFUND else ""
        return (
            f"{self.user.username} - {sign}"
            f"{format_money(self.amount, self.currency)} - "
            f"{self.category} ({self.transaction_date})"
        )


class Rollup(models.Model):
    """What every rollup holds, kept by `expenses/rollups.py`: one user's active
    expenses in one period and currency, summed in whole thousandths of the
    currency (every minor unit is a whole number of them: exact under
    `total = total + x` on every database; SQLite would add decimals as floats)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    currency = models.CharField(max_length=3)
    total_mills = models.BigIntegerField(
        default=0, help_text="Signed sum in thousandths: refunds count negative."
    )
    item_count = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def _line(self, period: str, what: str) -> str:
        return (
            f"{self.user_id} {period} {self.currency} {what}: "
            f"{self.total_mills}m ({self.item_count})"
        )


class ByCategory(models.Model):
    """A rollup per category, with the refunds."""

    category = models.CharField(max_length=32)
    refund_mills = models.BigIntegerField(
        default=0, help_text="Sum of the refunds' amounts in thousandths (positive)."
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self._describe(self.category)


class ByVendor(models.Model):
    """A rollup per named vendor."""

    vendor = models.CharField(max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self._describe(self.vendor)


class MonthlyRollup(Rollup):
    """A monthly rollup: one calendar month."""

    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        abstract = True

    def _describe(self, what: str) -> str:
        return self._line(f"{self.month:%Y-%m}", what)


class MonthlySpendingSummaryModel(MonthlyRollup, ByCategory):
    """Per category (BudgetWise's `monthly_spending_summary`), with the refunds."""

    class Meta:
        verbose_name = "monthly spending summary"
        verbose_name_plural = "monthly spending summaries"
        db_table = "monthly_spending_summary"
        ordering = ["user", "month", "currency", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month", "currency", "category"],
                name="monthly_spending_summary_key",
            )
        ]


class MonthlyVendorSpendingModel(MonthlyRollup, ByVendor):
    """Per named vendor (the analytics' top vendors)."""

    class Meta:
        verbose_name = "monthly vendor spending"
        verbose_name_plural = "monthly vendor spending"
        db_table = "monthly_vendor_spending"
        ordering = ["user", "month", "currency", "vendor"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month", "currency", "vendor"],
                name="monthly_vendor_spending_key",
            )
        ]
        indexes = [
            # The analytics' top vendors sum a range of months from this index alone.
            models.Index(
                fields=[
                    "user",
                    "month",
                    "currency",
                    "vendor",
                    "total_mills",
                    "item_count",
                ],
                name="monthly_vendor_covering",
            )
        ]


class DailyRollup(Rollup):
    """A daily rollup: one day. The analytics read them for the days at a range's
    edges (at most half a month per edge), so those reads do not grow with the
    user's rows."""

    day = models.DateField()

    class Meta:
        abstract = True

    def _describe(self, what: str) -> str:
        return self._line(f"{self.day:%Y-%m-%d}", what)


class DailySpendingSummaryModel(DailyRollup, ByCategory):
    """Per category, with the refunds (the analytics' edge days)."""

    class Meta:
        verbose_name = "daily spending summary"
        verbose_name_plural = "daily spending summaries"
        db_table = "daily_spending_summary"
        ordering = ["user", "day", "currency", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day", "currency", "category"],
                name="daily_spending_summary_key",
            )
        ]


class DailyVendorSpendingModel(DailyRollup, ByVendor):
    """Per named vendor (the edge days of the analytics' top vendors)."""

    class Meta:
        verbose_name = "daily vendor spending"
        verbose_name_plural = "daily vendor spending"
        db_table = "daily_vendor_spending"
        ordering = ["user", "day", "currency", "vendor"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day", "currency", "vendor"],
                name="daily_vendor_spending_key",
            )
        ]


class ExpenseCategoryModel(BaseModel):
    """A category of the user's own beside the nine system ones, optionally under
    one of them (`parent`), which its spending rolls up to."""

    category_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expense_categories",
    )
    name = models.CharField(max_length=32)
    parent = models.CharField(
        max_length=32,
        blank=True,
        default="",
        help_text="A system category its spending rolls up to, or empty.",
    )
    color = models.CharField(max_length=7, blank=True, default="")

    class Meta:
        verbose_name = "expense category"
        verbose_name_plural = "expense categories"
        db_table = "expense_categories"
        ordering = ["name", "category_id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "user",
                condition=Q(is_active=True),
                name="expense_category_name_once",
            )
        ]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.name}" + (
            f" < {self.parent}" if self.parent else ""
        )
