"""The subscriptions feature's part of the data protocol (`mysphere_core.userdata`)
and of the calendar feed (`mysphere_core.calendar`): every table of a user's rows,
their erasure, and renewals and trial ends as calendar entries."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mysphere_core import userdata
from mysphere_core.calendar import CalendarEntry, anchored_rule
from mysphere_core.money import format_money
from subscriptions import billing
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)

FREQUENCIES = {
    billing.DAYS: "DAILY",
    billing.WEEKS: "WEEKLY",
    billing.MONTHS: "MONTHLY",
    billing.YEARS: "YEARLY",
}


def _children(model: type, user: AbstractBaseUser) -> QuerySet:
    """Rows of a table whose parent is one of the user's subscriptions."""
    return model.objects.filter(subscription__user=user)


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every subscriptions table with the user's rows, soft-deleted ones included."""
    return {
        "subscription_categories": SubscriptionCategoryModel.objects.filter(user=user),
        "subscriptions": SubscriptionModel.objects.filter(user=user),
        "subscription_payments": _children(SubscriptionPaymentModel, user),
        "subscription_usage": _children(SubscriptionUsageModel, user),
        "subscription_price_changes": _children(SubscriptionPriceChangeModel, user),
        "subscription_alerts": SubscriptionAlertModel.objects.filter(user=user),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete them, children before their subscriptions and categories."""
    return userdata.erase_querysets(
        SubscriptionAlertModel.objects.filter(user=user),
        _children(SubscriptionUsageModel, user),
        _children(SubscriptionPriceChangeModel, user),
        _children(SubscriptionPaymentModel, user),
        SubscriptionModel.objects.filter(user=user),
        SubscriptionCategoryModel.objects.filter(user=user),
    )


def renewal_rule(subscription: SubscriptionModel) -> dict[str, Any] | None:
    """The RRULE of the renewals from the next one on (None when it does not renew).

    A monthly or yearly anchor past the 28th renews on the last day of shorter
    months, as billing does (`anchored_rule`).
    """
    if not subscription.auto_renewal:
        return None
    interval = subscription.interval
    rule = anchored_rule(
        FREQUENCIES[interval.unit], interval.count, subscription.billing_anchor_date
    )
    if subscription.end_date:
        rule["UNTIL"] = subscription.end_date
    return rule


def calendar_entries(user: AbstractBaseUser) -> list[CalendarEntry]:
    """Renewals of active subscriptions (alarm `reminder_days` before) and trial
    ends."""
    entries = []
    active = SubscriptionModel.objects.filter(
        user=user, is_active=True, status=SubscriptionModel.Status.ACTIVE
    )
    for sub in active.order_by("pk"):
        entries.append(
            CalendarEntry(
                uid=f"subscription-{sub.pk}-renewal@mysphere",
                summary=f"{sub.name} renews: {format_money(sub.amount, sub.currency)}",
                start=sub.next_billing_date,
                description=f"{sub.provider}, {sub.interval}.",
                rrule=renewal_rule(sub),
                alarm_days_before=sub.reminder_days or None,
                updated_at=sub.updated_at,
                categories=("renewal",),
            )
        )
        if sub.is_trial and sub.trial_end_date:
            entries.append(
                CalendarEntry(
                    uid=f"subscription-{sub.pk}-trial@mysphere",
                    summary=f"{sub.name} trial ends",
                    start=sub.trial_end_date,
                    description="Cancel before this day or the paid plan starts.",
                    alarm_days_before=sub.reminder_days or None,
                    updated_at=sub.updated_at,
                    categories=("trial",),
                )
            )
    return entries
