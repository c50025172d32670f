"""Monthly plans, their allocations per category, the user's category ranking, and
the threshold alerts already announced (one row per plan, category and kind)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from expenses.services import EXPENSE_CATEGORIES
from mysphere_core.models import BaseModel
from mysphere_core.money import validate_currency

CATEGORY_CHOICES = [(name, name) for name in EXPENSE_CATEGORIES]
MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class BudgetModel(BaseModel):
    """One user's plan for one month ("YYYY-MM") in one currency."""

    budget_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budgets"
    )
    month = models.CharField(max_length=7, help_text="The month planned, YYYY-MM.")
    previous_month = models.CharField(
        max_length=7,
        editable=False,
        help_text="The month before (YYYY-MM), whose closing balances roll in: "
        "kept with `month` so one query reads a plan and last month's balances.",
    )
    currency = models.CharField(max_length=3, validators=[validate_currency])
    total_income = models.DecimalField(**MONEY)
    savings_goal_amount = models.DecimalField(**MONEY, default=ZERO)
    notes = models.TextField(blank=True, default="")
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the month was closed: its closing balances are frozen.",
    )

    class Meta:
        verbose_name = "budget"
        db_table = "budgets"
        ordering = ["-month", "-budget_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month"],
                condition=Q(is_active=True),
                name="budgets_one_live_plan_per_month",
            )
        ]
        indexes = [models.Index(fields=["user", "month"], name="budgets_user_month")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.month} {self.total_income} {self.currency}"


class BudgetAllocationModel(BaseModel):
    """How much of a plan goes to one category, when to warn, what carries over."""

    class Rollover(models.TextChoices):
        NONE = "none", "None"
        UNSPENT = "unspent", "Unspent"
        UNSPENT_AND_OVERSPENT = "unspent_and_overspent", "Unspent and overspent"

    allocation_id = models.BigAutoField(primary_key=True)
    budget = models.ForeignKey(
        BudgetModel, on_delete=models.CASCADE, related_name="allocations"
    )
    category = models.CharField(max_length=32, choices=CATEGORY_CHOICES)
    allocated_amount = models.DecimalField(**MONEY)
    alert_threshold_percent = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    rollover = models.CharField(
        max_length=24, choices=Rollover.choices, default=Rollover.NONE
    )
    closing_balance = models.DecimalField(
        **MONEY,
        null=True,
        blank=True,
        help_text="Available minus spent when the month was closed (signed).",
    )

    class Meta:
        verbose_name = "budget allocation"
        db_table = "budget_allocations"
        ordering = ["budget_id", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "category"],
                name="budget_allocations_one_per_category",
            )
        ]
        indexes = [
            models.Index(fields=["budget", "is_active"], name="budget_alloc_live")
        ]

    def __str__(self) -> str:
        return f"{self.budget_id} {self.category}: {self.allocated_amount}"


class CategoryPreferenceModel(BaseModel):
    """A user's own necessity score (1 luxury .. 10 essential) and monthly limit."""

    preference_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="budget_preferences",
    )
    category = models.CharField(max_length=32, choices=CATEGORY_CHOICES)
    necessity_score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    monthly_limit = models.DecimalField(**MONEY, null=True, blank=True)

    class Meta:
        verbose_name = "category preference"
        db_table = "budget_category_preferences"
        ordering = ["user_id", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="budget_preference_one_per_category"
            )
        ]
        indexes = [
            models.Index(fields=["user", "is_active"], name="budget_pref_user_live")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category}: {self.necessity_score}"


class BudgetAlertModel(BaseModel):
    """A threshold a category crossed in a plan: inserted once, announced once."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", "Threshold crossed"
        EXCEEDED = "exceeded", "Exceeded"

    alert_id = models.BigAutoField(primary_key=True)
    budget = models.ForeignKey(
        BudgetModel, on_delete=models.CASCADE, related_name="alerts"
    )
    category = models.CharField(max_length=32, choices=CATEGORY_CHOICES)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    spent = models.DecimalField(max_digits=14, decimal_places=2)
    available = models.DecimalField(max_digits=14, decimal_places=2)
    percent_used = models.DecimalField(max_digits=14, decimal_places=1)

    class Meta:
        verbose_name = "budget alert"
        db_table = "budget_alerts"
        ordering = ["-created_at", "-alert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "category", "kind"], name="budget_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.budget_id} {self.category} {self.kind} ({self.percent_used}%)"
