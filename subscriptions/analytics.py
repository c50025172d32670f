"""Views of the whole portfolio: upcoming renewals, the dashboard, analytics and the
calendar. Money is summed per currency, never across currencies, and handed out in
the one money shape (`per_currency()` rows)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Max, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from mysphere_core import caching
from mysphere_core.dates import month_end, month_label, month_start
from mysphere_core.serializers import per_currency
from subscriptions import billing
from subscriptions.models import (
    PAID_STATUSES,
    SubscriptionModel,
    SubscriptionPaymentModel,
)
from subscriptions.queries import subscriptions_of, today_for
from users.services import UserService

FEATURE = "subscriptions"
ANALYTICS_MONTHS = 6
DASHBOARD_UPCOMING_DAYS = 7
RECENT_SUBSCRIPTIONS = 5
TRIAL_WARNING_DAYS = 3
UNCATEGORIZED = "Uncategorized"

Status = SubscriptionModel.Status
Money = dict[str, Decimal]


def monthly_by_currency(subscriptions: Iterable[SubscriptionModel]) -> Money:
    """Monthly cost of the subscriptions, per currency (unrounded)."""
    monthly: Money = defaultdict(Decimal)
    for subscription in subscriptions:
        monthly[subscription.currency] += subscription.monthly_cost
    return monthly


def yearly(monthly: Money) -> Money:
    """Yearly cost per currency: monthly x 12."""
    return {code: value * billing.MONTHS_PER_YEAR for code, value in monthly.items()}


# What a paid payment cost in the end: its amount less what was refunded.
NET_PAID = Sum(F("amount") - F("refunded_amount"))


def paid_payments(user: AbstractBaseUser) -> QuerySet[SubscriptionPaymentModel]:
    """Live paid payments of the user's live subscriptions."""
    return SubscriptionPaymentModel.objects.filter(
        subscription__user=user,
        subscription__is_active=True,
        is_active=True,
        status__in=PAID_STATUSES,
    )


def upcoming(*, user: AbstractBaseUser, days: int) -> list[SubscriptionModel]:
    """Active subscriptions billing between today and today + days."""
    today = today_for(user)
    return list(
        subscriptions_of(user).filter(
            status=Status.ACTIVE,
            next_billing_date__gte=today,
            next_billing_date__lte=today + timedelta(days=days),
        )
    )


# --- dashboard ----------------------------------------------------------------------


def _by_category(
    subscriptions: Iterable[SubscriptionModel],
) -> list[tuple[str, int | None, list[SubscriptionModel]]]:
    """(category name, category_id, its subscriptions), by name; none: Uncategorized."""
    groups: dict[str, tuple[int | None, list[SubscriptionModel]]] = {}
    for subscription in subscriptions:
        name = subscription.category.name if subscription.category else UNCATEGORIZED
        groups.setdefault(name, (subscription.category_id, []))[1].append(subscription)
    return [(name, pk, members) for name, (pk, members) in sorted(groups.items())]


def _category_rows(
    subscriptions: Iterable[SubscriptionModel],
) -> list[dict[str, Any]]:
    """Active subscriptions per category: count and monthly cost per currency."""
    return [
        {
            "category": name,
            "category_id": category_id,
            "count": len(members),
            "cost": per_currency(monthly_by_currency(members)),
        }
        for name, category_id, members in _by_category(subscriptions)
    ]


def _due_counts(active: list[SubscriptionModel], today: date) -> dict[str, int]:
    """Renewals within 7 days, overdue payments, trials ending within 3 days."""
    horizon = today + timedelta(days=DASHBOARD_UPCOMING_DAYS)
    trial_horizon = today + timedelta(days=TRIAL_WARNING_DAYS)
    return {
        "upcoming_renewals": sum(
            1 for s in active if today <= s.next_billing_date <= horizon
        ),
        "overdue_payments": sum(1 for s in active if s.is_overdue(today)),
        "trials_ending_soon": sum(
            1
            for s in active
            if s.is_trial
            and s.trial_end_date
            and today <= s.trial_end_date <= trial_horizon
        ),
    }


def dashboard(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Totals, costs per currency, upcoming renewals, categories, recent ones."""
    subscriptions = list(subscriptions_of(user))
    active = [s for s in subscriptions if s.status == Status.ACTIVE]
    by_status: dict[str, int] = defaultdict(int)
    for subscription in subscriptions:
        by_status[subscription.status] += 1
    monthly = monthly_by_currency(active)
    recent = sorted(subscriptions, key=lambda s: (s.created_at, s.pk), reverse=True)
    return {
        "currency": UserService.currency_for(user=user),
        "total_subscriptions": len(subscriptions),
        "active_subscriptions": by_status[Status.ACTIVE],
        "paused_subscriptions": by_status[Status.PAUSED],
        "cancelled_subscriptions": by_status[Status.CANCELLED],
        "expired_subscriptions": by_status[Status.EXPIRED],
        "monthly_cost": per_currency(monthly),
        "yearly_cost": per_currency(yearly(monthly)),
        **_due_counts(active, today_for(user)),
        "categories": _category_rows(active),
        "recent_subscriptions": recent[:RECENT_SUBSCRIPTIONS],
    }


# --- analytics ----------------------------------------------------------------------


def analytics(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Cost trend (6 months of payments), methods, averages, categories, lifetime.

    Cached per user (`SUBSCRIPTION_ANALYTICS_CACHE_TIMEOUT`); every write of the
    user's subscription data announces an event that forgets it.
    """
    today = today_for(user)
    return caching.cached(
        caching.versioned_key(user, FEATURE, "analytics", today),
        lambda: _compute_analytics(user=user, today=today),
        settings.SUBSCRIPTION_ANALYTICS_CACHE_TIMEOUT,
    )


def _cost_trend(user: AbstractBaseUser, today: date) -> list[dict[str, Any]]:
    """Paid per month (the last six, this one included), per currency."""
    starts = [month_start(today, k) for k in range(ANALYTICS_MONTHS - 1, -1, -1)]
    rows = (
        paid_payments(user)
        .filter(payment_date__gte=starts[0], payment_date__lte=today)
        .annotate(month=TruncMonth("payment_date"))
        .values("month", "currency")
        .annotate(total=NET_PAID, count=Count("id"))
    )
    totals: dict[date, Money] = {start: defaultdict(Decimal) for start in starts}
    counts: dict[date, int] = dict.fromkeys(starts, 0)
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        totals[month][row["currency"]] += row["total"]
        counts[month] += row["count"]
    return [
        {
            "month": month_label(start),
            "totals": per_currency(totals[start]),
            "payments": counts[start],
        }
        for start in starts
    ]


def _lifetime(user: AbstractBaseUser) -> dict[str, dict[str, Any]]:
    """Per subscription: everything paid per currency, how many payments, the last."""
    rows = (
        paid_payments(user)
        .values("subscription_id", "currency")
        .annotate(total=NET_PAID, count=Count("id"), last=Max("payment_date"))
    )
    lifetime: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = lifetime.setdefault(
            row["subscription_id"],
            {"totals": defaultdict(Decimal), "count": 0, "last": None},
        )
        entry["totals"][row["currency"]] += row["total"]
        entry["count"] += row["count"]
        entry["last"] = max(filter(None, [entry["last"], row["last"]]))
    return lifetime


def _methods(active: list[SubscriptionModel]) -> dict[str, dict[str, Any]]:
    """Active subscriptions per payment method: count, monthly cost per currency."""
    groups: dict[str, list[SubscriptionModel]] = defaultdict(list)
    for subscription in active:
        groups[subscription.payment_method].append(subscription)
    return {
        method: {
            "count": len(members),
            "monthly_cost": per_currency(monthly_by_currency(members)),
        }
        for method, members in sorted(groups.items())
    }


def _averages(active: list[SubscriptionModel]) -> list[dict[str, Any]]:
    """The average monthly cost of an active subscription, per currency."""
    monthly = monthly_by_currency(active)
    counts: dict[str, int] = defaultdict(int)
    for subscription in active:
        counts[subscription.currency] += 1
    averages = {code: monthly[code] / counts[code] for code in monthly}
    return per_currency(averages, subscriptions=counts)


def _category_spending(
    subscriptions: list[SubscriptionModel], lifetime: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per category: active count, monthly cost and everything paid, per currency."""
    rows = []
    for name, category_id, members in _by_category(subscriptions):
        active = [s for s in members if s.status == Status.ACTIVE]
        spent: dict[str, Decimal] = defaultdict(Decimal)
        for subscription in members:
            totals = lifetime.get(subscription.pk, {}).get("totals", {})
            for code, total in totals.items():
                spent[code] += total
        rows.append(
            {
                "category": name,
                "category_id": category_id,
                "count": len(active),
                "monthly_cost": per_currency(monthly_by_currency(active)),
                "lifetime_spent": per_currency(spent),
            }
        )
    return rows


def _lifetime_rows(
    subscriptions: list[SubscriptionModel], lifetime: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Everything paid per subscription, biggest spenders first."""
    rows = []
    for s in subscriptions:
        entry = lifetime.get(s.pk, {"totals": {}, "count": 0, "last": None})
        rows.append(
            {
                "subscription_id": s.pk,
                "name": s.name,
                "status": s.status,
                "currency": s.currency,
                "payments": entry["count"],
                "last_payment_date": entry["last"],
                "total_spent": per_currency(entry["totals"]),
                "_rank": sum(entry["totals"].values(), Decimal(0)),
            }
        )
    rows.sort(key=lambda row: (-row.pop("_rank"), row["name"]))
    return rows


def _compute_analytics(*, user: AbstractBaseUser, today: date) -> dict[str, Any]:
    """Analytics from the database (see `analytics`)."""
    subscriptions = list(subscriptions_of(user))
    active = [s for s in subscriptions if s.status == Status.ACTIVE]
    lifetime = _lifetime(user)
    return {
        "period": {"start": month_start(today, ANALYTICS_MONTHS - 1), "end": today},
        "cost_trend": _cost_trend(user, today),
        "payment_methods": _methods(active),
        "average_monthly_cost": _averages(active),
        "category_spending": _category_spending(subscriptions, lifetime),
        "lifetime_spent": _lifetime_rows(subscriptions, lifetime),
        "generated_at": timezone.now(),
    }


# --- calendar -----------------------------------------------------------------------


def calendar(*, user: AbstractBaseUser, month: date | None = None) -> dict[str, Any]:
    """Every renewal date (and trial end) of active subscriptions in a month."""
    first = month_start(month or today_for(user))
    last = month_end(first)
    events: list[dict[str, Any]] = []
    totals: Money = defaultdict(Decimal)
    renewals: dict[str, int] = defaultdict(int)
    for subscription in subscriptions_of(user).filter(status=Status.ACTIVE):
        base = {
            "subscription_id": subscription.pk,
            "name": subscription.name,
            "provider": subscription.provider,
            "amount": subscription.amount,
            "currency": subscription.currency,
        }
        until = min(last, subscription.end_date or last)
        for day in billing.billing_dates_between(*subscription.schedule, first, until):
            events.append({"date": day, "type": "renewal", **base})
            totals[subscription.currency] += subscription.amount
            renewals[subscription.currency] += 1
        trial_end = subscription.trial_end_date
        if subscription.is_trial and trial_end and first <= trial_end <= last:
            events.append({"date": trial_end, "type": "trial_end", **base})
    events.sort(key=lambda e: (e["date"], e["type"] != "trial_end", e["name"]))
    return {
        "month": month_label(first),
        "start": first,
        "end": last,
        "events": events,
        "totals": per_currency(totals, renewals=renewals),
    }
