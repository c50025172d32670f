"""Serializers of the budgets feature: plans, allocations and summaries.

The other endpoints' input and output shapes live in `action_serializers.py`.
"""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budgets.categories import resolve_category, resolve_for, unknown_category_message
from budgets.models import BudgetAllocationModel, BudgetModel
from expenses.services import EXPENSE_CATEGORIES, MAX_CUSTOM_CATEGORIES
from mysphere_core import money
from mysphere_core.dates import MONTH_MESSAGE, month_label, parse_month
from mysphere_core.fields import (
    CurrencyField,
    EnumField,
    MoneyField,
    PercentField,
    TotalField,
)
from mysphere_core.serializers import StrictSerializer

ROLLOVERS = [choice for choice, _ in BudgetAllocationModel.Rollover.choices]
ZERO = Decimal("0")


MONTH_REGEX = r"^(19\d\d|2\d\d\d)-(0[1-9]|1[0-2])$"


@extend_schema_field({"type": "string", "pattern": MONTH_REGEX, "example": "2026-11"})
class MonthField(serializers.CharField):
    """A month as "YYYY-MM", 1900-01 to 2999-12."""

    default_error_messages = {"invalid_month": MONTH_MESSAGE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "YYYY-MM, 1900-01 to 2999-12.")
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        """The month, checked and normalised."""
        if not isinstance(data, str) or parse_month(data) is None:
            self.fail("invalid_month")
        return month_label(parse_month(data))


class AmountField(MoneyField):
    """A non-negative amount with at most two decimals (plans are kept in cents;
    JPY and KRW plans in whole units, as every money field checks)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", ZERO)
        kwargs.setdefault("max_value", money.ceiling("plan"))
        super().__init__(**kwargs)


class CategoryField(serializers.CharField):
    """A category the same way in every budgets input: a system one by name in any
    case ("groceries") or slug ("food-dining"), or one of the user's own."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            f"One of: {', '.join(EXPENSE_CATEGORIES)} (any case, or its slug such as "
            "`food-dining`), or a category of the user's own "
            "(GET /api/expenses/categories/).",
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        """The category's name, or a 400 listing the valid ones."""
        text = super().to_internal_value(data)
        user = getattr(self.context.get("request"), "user", None)
        if user is None or not user.is_authenticated:
            name = resolve_category(text)
        else:
            name = resolve_for(user, text)
        if name is None:
            raise serializers.ValidationError(unknown_category_message(text))
        return name


class AllocationSerializer(StrictSerializer):
    """One category's share of a plan."""

    category = CategoryField(max_length=32)
    allocated_amount = AmountField()
    alert_threshold_percent = serializers.IntegerField(
        min_value=1, max_value=100, default=80, help_text="Warn at this % (1-100)."
    )
    rollover = EnumField(
        ROLLOVERS,
        label_text="rollover",
        default=BudgetAllocationModel.Rollover.NONE,
        help_text="What last month's allocation left (or overspent) carries in.",
    )
    closing_balance = TotalField(allow_null=True)


class BudgetSerializer(serializers.ModelSerializer):
    """A plan as the API shows it, with its allocations."""

    allocations = AllocationSerializer(many=True, read_only=True)
    total_income = TotalField()
    savings_goal_amount = TotalField()
    total_allocated = serializers.SerializerMethodField()
    unallocated = serializers.SerializerMethodField()

    class Meta:
        model = BudgetModel
        fields = [
            "budget_id",
            "month",
            "currency",
            "total_income",
            "savings_goal_amount",
            "total_allocated",
            "unallocated",
            "notes",
            "allocations",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _allocated(self, plan: BudgetModel) -> Decimal:
        """The sum of the plan's live allocations."""
        return sum(
            (row.allocated_amount for row in plan.allocations.all() if row.is_active),
            Decimal("0.00"),
        )

    def get_total_allocated(self, plan: BudgetModel) -> str:
        """The sum of the allocations."""
        return f"{self._allocated(plan):.2f}"

    def get_unallocated(self, plan: BudgetModel) -> str:
        """Income minus savings minus allocations."""
        rest = plan.total_income - plan.savings_goal_amount - self._allocated(plan)
        return f"{rest:.2f}"


class BudgetWriteSerializer(StrictSerializer):
    """A plan as the API accepts it; given allocations replace the plan's."""

    month = MonthField()
    currency = CurrencyField(
        required=False, help_text="ISO 4217 code; default: the profile's currency."
    )
    total_income = AmountField()
    savings_goal_amount = AmountField(required=False)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    allocations = AllocationSerializer(
        many=True,
        required=False,
        max_length=len(EXPENSE_CATEGORIES) + MAX_CUSTOM_CATEGORIES,
    )

    def validate_allocations(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each category at most once (400 on `allocations` naming it)."""
        seen: set[str] = set()
        for item in value:
            if item["category"] in seen:
                raise serializers.ValidationError(
                    f"{item['category']} is allocated twice; give each category once."
                )
            seen.add(item["category"])
        return value


class SummaryLineSerializer(serializers.Serializer):
    """One allocated category of a month."""

    category = serializers.CharField()
    allocated = TotalField()
    rollover = serializers.CharField()
    rollover_in = TotalField()
    available = TotalField()
    spent = TotalField()
    remaining = TotalField()
    percent_used = PercentField(allow_null=True)
    alert_threshold_percent = serializers.IntegerField()
    necessity_score = serializers.IntegerField()


class UnbudgetedSerializer(serializers.Serializer):
    """Spending in a category the plan gives nothing to."""

    category = serializers.CharField()
    spent = TotalField()


class BudgetSummarySerializer(serializers.Serializer):
    """BudgetWise's BudgetSummary of one month, in the plan's currency."""

    budget_id = serializers.IntegerField()
    month = serializers.CharField()
    currency = serializers.CharField()
    total_income = TotalField()
    savings_goal_amount = TotalField()
    closed = serializers.BooleanField()
    total_budget = TotalField()
    total_spent = TotalField()
    total_remaining = TotalField()
    categories = SummaryLineSerializer(many=True)
    overspent_categories = serializers.ListField(child=serializers.CharField())
    unbudgeted_spending = UnbudgetedSerializer(many=True)
    days_left = serializers.IntegerField()
    safe_to_spend_per_day = TotalField()
    projected_month_end_spend = TotalField()


class MonthQuerySerializer(StrictSerializer):
    """`?month=YYYY-MM` (default: the user's current month)."""

    month = MonthField(required=False)
