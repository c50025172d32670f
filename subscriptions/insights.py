"""AI insights of the portfolio: the data read once for the prompt and the rule-based
fallback, and the one call to the gateway (`mysphere_core.ai.insights`).

Reading insights writes nothing: the flags the insights name (underused and
duplicate services) are in the answer's `cost_optimization`, not stored on rows.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth

from mysphere_core import ai
from mysphere_core.dates import month_label, month_start
from mysphere_core.money import to_cents
from mysphere_core.serializers import per_currency
from subscriptions.ai_insights import INSIGHTS_SCHEMA, SubscriptionAIInsights
from subscriptions.analytics import (
    NET_PAID,
    monthly_by_currency,
    paid_payments,
    yearly,
)
from subscriptions.fallback import USAGE_WINDOW_DAYS, FallbackInsightsEngine
from subscriptions.models import (
    SubscriptionModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from subscriptions.queries import subscriptions_of, today_for
from users.services import UserService

FEATURE = "subscriptions"
PRICE_INCREASE_WINDOW_DAYS = 90
SPENDING_MONTHS = 6


def _money_rows(totals: Mapping[str, Decimal]) -> list[dict[str, str]]:
    """Money per currency as the prompt shows it: the API's list, as strings."""
    return [
        {"currency": row["currency"], "total": str(row["total"])}
        for row in per_currency(totals)
    ]


def _usage(active: list[SubscriptionModel], today: date) -> dict[str, Any]:
    """Per active subscription: uses and entries in 30 days, all entries, last use."""
    window_start = today - timedelta(days=USAGE_WINDOW_DAYS)
    rows = (
        SubscriptionUsageModel.objects.filter(subscription__in=active, is_active=True)
        .values("subscription_id")
        .annotate(
            recent_entries=Count("id", filter=Q(usage_date__gte=window_start)),
            recent_count=Sum("usage_count", filter=Q(usage_date__gte=window_start)),
            entries=Count("id"),
            last_used=Max("usage_date"),
        )
    )
    return {row["subscription_id"]: row for row in rows}


def _spending(user: AbstractBaseUser, today: date) -> dict[str, list[dict[str, str]]]:
    """Paid per month of the last six, per currency."""
    rows = (
        paid_payments(user)
        .filter(payment_date__gte=month_start(today, SPENDING_MONTHS - 1))
        .annotate(month=TruncMonth("payment_date"))
        .values("month", "currency")
        .annotate(total=NET_PAID)
        .order_by("month", "currency")
    )
    spending: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        spending.setdefault(month_label(row["month"]), {})[row["currency"]] = row[
            "total"
        ]
    return {month: _money_rows(totals) for month, totals in spending.items()}


def _prompt_row(
    subscription: SubscriptionModel, usage: Mapping[str, Any] | None, today: date
) -> dict[str, Any]:
    """One subscription as the AI prompt shows it."""
    usage = usage or {}
    trial_end = subscription.trial_end_date
    last_used = usage.get("last_used")
    return {
        "name": subscription.name,
        "provider": subscription.provider,
        "category": subscription.category.name if subscription.category else None,
        "amount": str(to_cents(subscription.amount)),
        "currency": subscription.currency,
        "billing_cycle": subscription.billing_cycle,
        "custom_cycle_days": subscription.custom_cycle_days,
        "interval": str(subscription.interval),
        "monthly_cost": str(to_cents(subscription.monthly_cost)),
        "status": subscription.status,
        "start_date": subscription.start_date.isoformat(),
        "next_billing_date": subscription.next_billing_date.isoformat(),
        "is_trial": subscription.is_trial,
        "trial_end_date": trial_end.isoformat() if trial_end else None,
        "days_until_renewal": subscription.days_until_renewal(today),
        "usage_30d": usage.get("recent_count") or 0,
        "usage_entries_30d": usage.get("recent_entries") or 0,
        "last_used": last_used.isoformat() if last_used else None,
    }


def _price_change_row(change: SubscriptionPriceChangeModel) -> dict[str, str]:
    """One recent price change as the prompt shows it."""
    return {
        "name": change.subscription.name,
        "old_amount": str(to_cents(change.old_amount)),
        "old_currency": change.old_currency,
        "new_amount": str(to_cents(change.new_amount)),
        "currency": change.currency,
        "effective_date": change.effective_date.isoformat(),
    }


def insights_data(*, user: AbstractBaseUser, today: date) -> dict[str, Any]:
    """Everything the prompt and the fallback rules look at, read once."""
    profile = UserService.profile_for(user=user)
    subscriptions = list(subscriptions_of(user))
    active = [s for s in subscriptions if s.status == SubscriptionModel.Status.ACTIVE]
    usage = _usage(active, today)
    price_changes = list(
        SubscriptionPriceChangeModel.objects.filter(
            subscription__in=active,
            is_active=True,
            effective_date__gte=today - timedelta(days=PRICE_INCREASE_WINDOW_DAYS),
        ).select_related("subscription")
    )
    monthly = monthly_by_currency(active)
    prompt = {
        "today": today.isoformat(),
        "currency": profile.currency,
        "profile": UserService.profile_context(user=user),
        "total_subscriptions": len(subscriptions),
        "active_count": len(active),
        "monthly_cost": _money_rows(monthly),
        "yearly_cost": _money_rows(yearly(monthly)),
        "subscriptions": [
            _prompt_row(s, usage.get(s.pk), today) for s in subscriptions
        ],
        "spending_patterns": _spending(user, today),
        "price_changes": [_price_change_row(c) for c in price_changes],
    }
    return {
        "today": today,
        "currency": profile.currency,
        "monthly_income": profile.monthly_income,
        "active": active,
        "monthly": monthly,
        "usage": usage,
        "price_changes": price_changes,
        "prompt": prompt,
    }


def ai_insights(*, user: AbstractBaseUser) -> ai.AIResult:
    """AI insights through the gateway, rule-based when the AI cannot answer."""
    today = today_for(user)
    data = insights_data(user=user, today=today)
    return ai.insights(
        user=user,
        feature=FEATURE,
        today=today,
        build_prompt=lambda: SubscriptionAIInsights.insights_prompt(data["prompt"]),
        schema=INSIGHTS_SCHEMA,
        fallback=lambda: FallbackInsightsEngine.generate(data),
        clean=SubscriptionAIInsights.clean_insights,
    )
