"""Money between people: a record lent or borrowed, its repayments, its reminders.

A record's `repaid_amount` is the sum of its live repayments, written in the same
transaction as every repayment change with the record's row locked, and held by
database checks (never below 0, never above the amount). `outstanding` and
`is_overdue` are derived from it, the status and the user's today; they are never
stored.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from lending.validators import (
    MAX_NAME_LENGTH,
    validate_counterparty_name,
    validate_lending_amount,
)
from mysphere_core.limits import validate_bounded_date
from mysphere_core.models import BaseModel, MoneyAmountField, PaymentMethod
from mysphere_core.money import (
    check_record_minor_units,
    format_money,
    validate_currency,
)


class Direction(models.TextChoices):
    """Who owes whom."""

    LENT = "lent", "Lent (they owe you)"
    BORROWED = "borrowed", "Borrowed (you owe them)"


class Status(models.TextChoices):
    """Where a record stands; the first two are open."""

    OUTSTANDING = "outstanding", "Outstanding"
    PARTIALLY_REPAID = "partially_repaid", "Partially repaid"
    REPAID = "repaid", "Repaid"
    WRITTEN_OFF = "written_off", "Written off"
    FORGIVEN = "forgiven", "Forgiven"


OPEN_STATUSES = (Status.OUTSTANDING, Status.PARTIALLY_REPAID)


# How a repayment was made: the kit's payment methods, and `netting`, a settle-up's
# offset (written by the service only).
Method = models.TextChoices(
    "Method",
    [(m.name, (m.value, m.label)) for m in PaymentMethod]
    + [("NETTING", ("netting", "Netted against the other direction"))],
)


class LendingModel(BaseModel):
    """One amount lent to or borrowed from a person, with what is repaid of it."""

    lending_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lendings"
    )
    direction = models.CharField(max_length=8, choices=Direction.choices)
    counterparty_name = models.CharField(
        max_length=MAX_NAME_LENGTH, validators=[validate_counterparty_name]
    )
    counterparty_key = models.CharField(
        max_length=MAX_NAME_LENGTH,
        editable=False,
        help_text="The name case- and space-folded: how records of a person match.",
    )
    counterparty_contact = models.CharField(max_length=200, blank=True, default="")
    amount = MoneyAmountField(validators=[validate_lending_amount])
    currency = models.CharField(max_length=3, validators=[validate_currency])
    description = models.CharField(max_length=500, blank=True, default="")
    lent_date = models.DateField(validators=[validate_bounded_date])
    due_date = models.DateField(
        null=True, blank=True, validators=[validate_bounded_date]
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OUTSTANDING
    )
    repaid_amount = MoneyAmountField(
        default=Decimal("0.00"),
        editable=False,
        help_text="Sum of the live repayments (kept with them, under a row lock).",
    )
    notes = models.TextField(blank=True, default="")
    source_ref = models.CharField(
        max_length=64,
        blank=True,
        default="",
        db_index=True,
        help_text="What recorded it, e.g. expense:42 for a split expense.",
    )

    class Meta:
        verbose_name = "lending record"
        db_table = "lending"
        ordering = ["-lent_date", "-created_at", "-lending_id"]
        indexes = [
            models.Index(
                fields=["user", "-lent_date", "-created_at", "-lending_id"],
                name="lending_user_active_newest",
                condition=Q(is_active=True),
            ),
            models.Index(fields=["user", "status"], name="lending_user_status"),
            models.Index(
                fields=["user", "counterparty_key", "currency"],
                name="lending_user_person",
            ),
            models.Index(fields=["user", "due_date"], name="lending_user_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="lending_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(repaid_amount__gte=0) & Q(repaid_amount__lte=F("amount")),
                name="lending_repaid_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("lent_date")),
                name="lending_due_after_lent",
            ),
        ]

    def clean(self) -> None:
        """Amounts in the currency's minor units (no decimals in JPY)."""
        super().clean()
        check_record_minor_units(self, "amount")

    def __str__(self) -> str:
        arrow = "→" if self.direction == Direction.LENT else "←"
        return (
            f"{self.user_id} {arrow} {self.counterparty_name}: "
            f"{format_money(self.amount, self.currency)} ({self.status})"
        )

    @property
    def is_open(self) -> bool:
        """Outstanding or partially repaid."""
        return self.status in OPEN_STATUSES

    @property
    def outstanding(self) -> Decimal:
        """What is still owed: the amount less repayments; 0 once closed."""
        return self.amount - self.repaid_amount if self.is_open else Decimal("0.00")


class RepaymentModel(BaseModel):
    """Money paid back on one record."""

    repayment_id = models.BigAutoField(primary_key=True)
    lending = models.ForeignKey(
        LendingModel, on_delete=models.CASCADE, related_name="repayments"
    )
    amount = MoneyAmountField(validators=[validate_lending_amount])
    date = models.DateField(validators=[validate_bounded_date])
    method = models.CharField(max_length=16, choices=Method.choices, default="other")
    note = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        verbose_name = "repayment"
        db_table = "lending_repayments"
        ordering = ["-date", "-created_at", "-repayment_id"]
        indexes = [
            models.Index(fields=["lending", "date"], name="lending_repayment_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="lending_repayment_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lending_id}: {self.amount} on {self.date} ({self.method})"


class ReminderKind(models.TextChoices):
    """What a reminder said."""

    DUE_SOON = "due_soon", "Due in 3 days"
    OVERDUE = "overdue", "Overdue"


class LendingReminderModel(BaseModel):
    """A reminder announced for a record: once per record, kind and due date."""

    reminder_id = models.BigAutoField(primary_key=True)
    lending = models.ForeignKey(
        LendingModel, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_date = models.DateField()

    class Meta:
        verbose_name = "lending reminder"
        db_table = "lending_reminders"
        ordering = ["-created_at", "-reminder_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lending", "kind", "due_date"], name="lending_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lending_id} {self.kind} for {self.due_date}"
