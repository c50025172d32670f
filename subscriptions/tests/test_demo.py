"""The demo data: realistic, through the services, in two currencies."""

import pytest

from expenses.services import ExpenseService
from subscriptions import demo
from subscriptions.models import (
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from subscriptions.services import SubscriptionService

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_seed(make_user):
    user = make_user("demo", profile={"timezone": "America/New_York"})
    summary = demo.seed(user)
    subscriptions = SubscriptionModel.objects.filter(user=user)
    assert summary.startswith("12 subscriptions in USD and EUR")
    assert set(subscriptions.values_list("currency", flat=True)) == {"USD", "EUR"}
    assert subscriptions.filter(is_trial=True).count() == 1
    assert subscriptions.filter(status="paused").count() == 1
    payments = SubscriptionPaymentModel.objects.filter(subscription__user=user)
    assert payments.count() > 50
    assert not payments.filter(expense_id__isnull=True).exists()
    assert (
        ExpenseService.queryset_for(user=user)
        .filter(source_ref__startswith="subscriptions/SUB")
        .count()
        == payments.count()
    )
    assert SubscriptionUsageModel.objects.filter(subscription__user=user).exists()
    assert SubscriptionPriceChangeModel.objects.filter(subscription__user=user).exists()
    today_due = SubscriptionService.upcoming(user=user, days=0)
    assert today_due == []  # every cycle up to today is paid
    dashboard = SubscriptionService.dashboard(user=user)
    assert [row["currency"] for row in dashboard["monthly_cost"]] == ["EUR", "USD"]
