"""`GET /api/dashboard/`: the home screen in one request (see dashboard.py)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from expenses.services import ExpenseService
from integrations import dashboard
from integrations.serializers import NotificationSerializer
from mysphere_core.api import FeatureAPIView
from mysphere_core.fields import PercentField
from todos.services import TodoService

_MONEY = {"max_digits": 14, "decimal_places": 2}


def _money(**kwargs: Any) -> serializers.DecimalField:
    """A money amount rendered as a decimal string."""
    return serializers.DecimalField(**_MONEY, **kwargs)


class HomeSpendingSerializer(serializers.Serializer):
    """This month in one currency: spent, and the budget when a plan is in it."""

    currency = serializers.CharField()
    spent = _money()
    budget = _money(allow_null=True)
    remaining = _money(allow_null=True)
    safe_to_spend_per_day = _money(allow_null=True)


class HomeWatchedCategorySerializer(serializers.Serializer):
    """A budgeted category near or over its limit."""

    category = serializers.CharField()
    currency = serializers.CharField()
    available = _money()
    spent = _money()
    remaining = _money()
    percent_used = PercentField()


class HomeRenewalSerializer(serializers.Serializer):
    """A subscription renewing within seven days."""

    subscription_id = serializers.CharField(source="pk")
    name = serializers.CharField()
    amount = _money()
    currency = serializers.CharField()
    next_billing_date = serializers.DateField()


class HomeAgendaSerializer(serializers.Serializer):
    """Today's counts per group and the first five tasks."""

    counts = serializers.DictField(child=serializers.IntegerField())
    tasks = TodoService.serializer(many=True)


class HomeLendingBalanceSerializer(serializers.Serializer):
    """What is owed each way in one currency, and what is overdue."""

    currency = serializers.CharField()
    net = _money()
    lent_outstanding = _money()
    borrowed_outstanding = _money()
    overdue_amount = _money()
    overdue_count = serializers.IntegerField()


class HomePersonSerializer(serializers.Serializer):
    """A person's balance (positive: they owe you)."""

    counterparty = serializers.CharField()
    currency = serializers.CharField()
    net_balance = _money()
    overdue_items = serializers.IntegerField()


class HomeLendingPanelSerializer(serializers.Serializer):
    """Balances per currency and the three people owing or owed most."""

    enabled = serializers.BooleanField()
    balances = HomeLendingBalanceSerializer(many=True)
    people = HomePersonSerializer(many=True)


class HomeUnreadSerializer(serializers.Serializer):
    """Unread notifications in total and per severity."""

    unread = serializers.IntegerField()
    by_severity = serializers.DictField(child=serializers.IntegerField())


class HomeNotificationPanelSerializer(serializers.Serializer):
    """The unread counts and the latest three notifications."""

    unread = HomeUnreadSerializer()
    latest = NotificationSerializer(many=True)


class HomeDashboardSerializer(serializers.Serializer):
    """The home screen."""

    date = serializers.DateField()
    spending = HomeSpendingSerializer(many=True)
    budget_watch = HomeWatchedCategorySerializer(many=True)
    renewals = HomeRenewalSerializer(many=True)
    agenda = HomeAgendaSerializer()
    lending = HomeLendingPanelSerializer()
    notifications = HomeNotificationPanelSerializer()
    recent_expenses = ExpenseService.serializer(many=True)


class DashboardView(FeatureAPIView):
    """This month's spending against the budget, categories near their limit,
    renewals in 7 days, today's agenda, loans, notifications, the last expenses."""

    @extend_schema(responses=HomeDashboardSerializer, operation_id="dashboard_retrieve")
    def get(self, request: Request) -> Response:
        """The dashboard of the signed-in user."""
        fields: dict[str, serializers.Field] = {}
        context = {"request": request}

        def render(section: str, value: Any) -> Any:
            """One section as JSON-ready data (the serializer's fields are built on
            first use: a kept dashboard builds only the notifications')."""
            if section == "notifications":
                return HomeNotificationPanelSerializer(value, context=context).data
            if not fields:
                fields.update(HomeDashboardSerializer(context=context).fields)
            return fields[section].to_representation(value)

        return Response(dashboard.build(request.user, render))
