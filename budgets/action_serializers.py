"""Input and output shapes of the budgets actions: generate, purchase checks,
classification, advice, suggestions, the ranking and AI insights."""

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from budgets.ai_insights import DECISIONS, STATUSES
from budgets.serializers import AmountField, BudgetSerializer, CategoryField, MonthField
from mysphere_core.fields import EnumField, PercentField, TotalField
from mysphere_core.serializers import OldName, StrictSerializer, ai_envelope

CENT = Decimal("0.01")


class PriceField(AmountField):
    """A price: more than 0, at most two decimals."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", CENT)
        super().__init__(**kwargs)


# --- generate -------------------------------------------------------------------------


class GenerateSerializer(StrictSerializer):
    """A plan from income; previewed unless `dry_run` is false."""

    month = MonthField()
    income = PriceField()
    savings_goal = AmountField(
        required=False, allow_null=True, help_text="Default: 20% of income."
    )
    goals = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=10,
        default=list,
        help_text='e.g. ["save 25%", "pay off the card"]',
    )
    dry_run = serializers.BooleanField(default=True)


class GeneratedAllocationSerializer(serializers.Serializer):
    """One category of a generated plan."""

    category = serializers.CharField()
    allocated_amount = TotalField()
    necessity_score = serializers.IntegerField()
    group = EnumField(["need", "want"], label_text="group")
    monthly_limit = TotalField(allow_null=True)
    last_three_months_average = TotalField()
    percent_of_income = PercentField(allow_null=True)


class GenerateResponseSerializer(serializers.Serializer):
    """The generated plan, and the saved one when not a dry run."""

    month = serializers.CharField()
    currency = serializers.CharField()
    income = TotalField()
    savings_goal_amount = TotalField()
    needs_total = TotalField()
    wants_total = TotalField()
    allocations = GeneratedAllocationSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    goals = serializers.ListField(child=serializers.CharField())
    dry_run = serializers.BooleanField()
    budget = BudgetSerializer(allow_null=True)


# --- purchases ------------------------------------------------------------------------


class CheckPurchaseSerializer(StrictSerializer):
    """A purchase to check against a month's plan (default: this month)."""

    amount = PriceField()
    category = CategoryField()
    month = MonthField(required=False)


class ApplySuggestionSerializer(StrictSerializer):
    """A move of allocation between two categories of a plan (a suggestion)."""

    from_category = serializers.CharField(
        max_length=40, help_text="A category of the plan (the user's own included)."
    )
    to_category = serializers.CharField(
        max_length=40, help_text="A category (the user's own included)."
    )
    amount = PriceField()


class RenewalSerializer(serializers.Serializer):
    """A subscription renewal still due this month."""

    subscription_id = serializers.CharField()
    name = serializers.CharField()
    due_date = serializers.DateField()
    amount = TotalField()
    currency = serializers.CharField()


class CheckPurchaseResponseSerializer(serializers.Serializer):
    """Whether it fits, by how much it does not, and what else to do."""

    budget_id = serializers.IntegerField()
    month = serializers.CharField()
    currency = serializers.CharField()
    category = serializers.CharField()
    amount = TotalField()
    available = TotalField()
    spent = TotalField()
    upcoming_renewals_total = TotalField()
    remaining_in_category = TotalField()
    remaining_after_purchase = TotalField()
    fits_budget = serializers.BooleanField()
    percentage_of_category = PercentField(allow_null=True)
    exceeds_by = TotalField()
    warning = serializers.CharField(allow_null=True)
    alternative_options = serializers.ListField(child=serializers.CharField())
    upcoming_renewals_in_category = RenewalSerializer(many=True)
    month_total_budget = TotalField()
    month_remaining = TotalField()
    savings_goal_amount = TotalField()


class ClassifySerializer(StrictSerializer):
    """A description of a purchase or expense."""

    description = serializers.CharField(max_length=500)
    amount = AmountField(required=False, allow_null=True)


class _Provenance(serializers.Serializer):
    """Who answered: the AI, its cache, or the rules."""

    source = serializers.CharField()
    ai_used = serializers.BooleanField()
    fallback_used = serializers.BooleanField()
    error = serializers.CharField(allow_null=True, required=False)


class ClassifyResponseSerializer(_Provenance):
    """The category, its necessity and how sure we are."""

    description = serializers.CharField()
    amount = TotalField(allow_null=True)
    category = serializers.CharField()
    necessity_score = serializers.IntegerField()
    confidence = serializers.FloatField()
    alternative_categories = serializers.ListField(child=serializers.CharField())


class PurchaseAdviceSerializer(StrictSerializer):
    """Should I buy this?"""

    description = serializers.CharField(
        max_length=300, help_text="What you want to buy, in words."
    )
    item_description = OldName("description", max_length=300)
    amount = PriceField()
    category = CategoryField(required=False, help_text="Default: guessed from words.")


class PurchaseAdviceResponseSerializer(_Provenance):
    """Buy, wait or don't buy, why, and the figures used."""

    decision = EnumField(DECISIONS, label_text="decision")
    reason = serializers.CharField()
    alternative_suggestions = serializers.ListField(child=serializers.CharField())
    impact_on_budget = serializers.CharField()
    category = serializers.CharField()
    necessity_score = serializers.IntegerField()
    amount = TotalField()
    check = CheckPurchaseResponseSerializer(allow_null=True)
    calls_remaining = serializers.IntegerField()
    generated_at = serializers.DateTimeField()


# --- suggestions ----------------------------------------------------------------------


class MoveSerializer(serializers.Serializer):
    """Move money from one category to another."""

    from_category = serializers.CharField()
    to_category = serializers.CharField()
    amount = TotalField()
    currency = serializers.CharField()
    from_necessity_score = serializers.IntegerField()
    to_necessity_score = serializers.IntegerField()
    message = serializers.CharField()


class UncoveredSerializer(serializers.Serializer):
    """What no underspent category could cover."""

    category = serializers.CharField()
    amount = TotalField()


class SuggestionsSerializer(serializers.Serializer):
    """The month's reallocation suggestions."""

    budget_id = serializers.IntegerField()
    month = serializers.CharField()
    currency = serializers.CharField()
    suggestions = MoveSerializer(many=True)
    uncovered = UncoveredSerializer(many=True)


# --- ranking --------------------------------------------------------------------------


class CategoryRankingSerializer(serializers.Serializer):
    """A category as the user ranks it."""

    category = serializers.CharField()
    necessity_score = serializers.IntegerField()
    monthly_limit = TotalField(allow_null=True)
    default_necessity_score = serializers.IntegerField()
    default_allocation_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2
    )
    is_need = serializers.BooleanField()
    is_custom = serializers.BooleanField()


class CategoryUpdateSerializer(StrictSerializer):
    """A new necessity score and/or monthly limit (null removes the limit)."""

    necessity_score = serializers.IntegerField(
        min_value=1, max_value=10, required=False, help_text="1 luxury .. 10 essential."
    )
    monthly_limit = AmountField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """At least one of the two."""
        if not attrs:
            raise serializers.ValidationError(
                {"necessity_score": ["Give necessity_score and/or monthly_limit."]}
            )
        return attrs


# --- AI insights ----------------------------------------------------------------------


class BudgetInsightsSerializer(serializers.Serializer):
    """The month's analysis: status, summary, highlights, changes, advice."""

    status = EnumField(STATUSES, label_text="status")
    summary = serializers.CharField()
    highlights = serializers.ListField(child=serializers.CharField())
    month_over_month = serializers.ListField(child=serializers.CharField())
    recommendations = serializers.ListField(child=serializers.CharField())


BudgetInsightsEnvelopeSerializer = ai_envelope(
    "BudgetInsightsEnvelopeSerializer", BudgetInsightsSerializer
)
