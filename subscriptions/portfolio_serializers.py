"""Output shapes of the portfolio views of the subscriptions feature: dashboard,
analytics, calendar and AI insights (money in the kit's per-currency rows)."""

from rest_framework import serializers

from mysphere_core.fields import MoneyField, TotalField
from mysphere_core.serializers import CurrencyTotalSerializer, ai_envelope
from subscriptions.serializers import (
    EventTypeField,
    LevelField,
    StatusField,
    SubscriptionSerializer,
)


class CategoryCostSerializer(serializers.Serializer):
    """Active subscriptions of a category and their monthly cost per currency."""

    category = serializers.CharField(help_text='"Uncategorized" for none.')
    category_id = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()
    cost = CurrencyTotalSerializer(many=True, help_text="Monthly, per currency.")


class DashboardSerializer(serializers.Serializer):
    """The dashboard: counts, and money per currency (the kit's money shape)."""

    currency = serializers.CharField(help_text="The profile's currency.")
    total_subscriptions = serializers.IntegerField()
    active_subscriptions = serializers.IntegerField()
    paused_subscriptions = serializers.IntegerField()
    cancelled_subscriptions = serializers.IntegerField()
    expired_subscriptions = serializers.IntegerField()
    monthly_cost = CurrencyTotalSerializer(many=True)
    yearly_cost = CurrencyTotalSerializer(many=True)
    upcoming_renewals = serializers.IntegerField(help_text="Within 7 days.")
    overdue_payments = serializers.IntegerField()
    trials_ending_soon = serializers.IntegerField(help_text="Within 3 days.")
    categories = CategoryCostSerializer(many=True, help_text="Sorted by name.")
    recent_subscriptions = SubscriptionSerializer(many=True)


class TrendMonthSerializer(serializers.Serializer):
    """Paid in one month, per currency."""

    month = serializers.CharField()
    totals = CurrencyTotalSerializer(many=True)
    payments = serializers.IntegerField()


class MethodBreakdownSerializer(serializers.Serializer):
    """Active subscriptions paid one way."""

    count = serializers.IntegerField()
    monthly_cost = CurrencyTotalSerializer(many=True)


class AverageCostSerializer(CurrencyTotalSerializer):
    """The average monthly cost (`total`) of the active subscriptions in a currency."""

    subscriptions = serializers.IntegerField(read_only=True)


class CategorySpendingSerializer(serializers.Serializer):
    """A category's monthly cost and everything paid for it."""

    category = serializers.CharField()
    category_id = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()
    monthly_cost = CurrencyTotalSerializer(many=True)
    lifetime_spent = CurrencyTotalSerializer(many=True)


class LifetimeSpentSerializer(serializers.Serializer):
    """Everything paid for one subscription."""

    subscription_id = serializers.CharField()
    name = serializers.CharField()
    status = StatusField()
    currency = serializers.CharField()
    payments = serializers.IntegerField()
    last_payment_date = serializers.DateField(allow_null=True)
    total_spent = CurrencyTotalSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    """A date range."""

    start = serializers.DateField()
    end = serializers.DateField()


class AnalyticsSerializer(serializers.Serializer):
    """Analytics (cached per user until their next write)."""

    period = PeriodSerializer()
    cost_trend = TrendMonthSerializer(many=True)
    payment_methods = serializers.DictField(child=MethodBreakdownSerializer())
    average_monthly_cost = AverageCostSerializer(many=True)
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
    amount = MoneyField(read_only=True)
    currency = serializers.CharField()


class CalendarTotalSerializer(CurrencyTotalSerializer):
    """The month's renewals in one currency: their sum and how many."""

    renewals = serializers.IntegerField(read_only=True)


class CalendarSerializer(serializers.Serializer):
    """A month of renewals."""

    month = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    events = CalendarEventSerializer(many=True)
    totals = CalendarTotalSerializer(many=True)


class InsightSerializer(serializers.Serializer):
    """One finding."""

    type = serializers.CharField()
    severity = LevelField()
    title = serializers.CharField()
    description = serializers.CharField()
    action = serializers.CharField()
    potential_savings = TotalField(help_text="A month, in the profile's currency.")


class RecommendationSerializer(serializers.Serializer):
    """One recommendation."""

    title = serializers.CharField()
    description = serializers.CharField()
    impact = serializers.CharField()
    priority = LevelField()


class CostOptimizationSerializer(serializers.Serializer):
    """Savings in the user's currency, underused and duplicate services."""

    potential_monthly_savings = TotalField()
    currency = serializers.CharField()
    underutilized_services = serializers.ListField(child=serializers.CharField())
    duplicate_services = serializers.ListField(child=serializers.CharField())


class InsightsSerializer(serializers.Serializer):
    """The insights answer of the seed's prompt."""

    summary = serializers.CharField()
    insights = InsightSerializer(many=True)
    recommendations = RecommendationSerializer(many=True)
    cost_optimization = CostOptimizationSerializer()


AIInsightsEnvelopeSerializer = ai_envelope(
    "SubscriptionInsightsEnvelopeSerializer", InsightsSerializer
)
