"""What the plans read from other features, through their services: spending per
category from the expenses app's monthly rollups (one query, whatever the number of
expenses), and the subscription renewals still due in a month.

Spent is never stored here: it is the month's active expenses in the plan's
currency, refunds negative, summed by the database.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from expenses.services import ExpenseService
from mysphere_core.dates import month_end, month_start
from subscriptions.services import SubscriptionService


def spent_by_category(
    user: AbstractBaseUser, month: date, currency: str
) -> dict[str, Decimal]:
    """The month's signed spending per category in one currency (one query)."""
    return ExpenseService.spent_by_category(user=user, month=month, currency=currency)


def history_by_category(
    user: AbstractBaseUser, month: date, currency: str, months: int = 3
) -> dict[str, Decimal]:
    """Spending per category over the `months` full months before `month`."""
    return ExpenseService.spending_history(
        user=user, month=month, currency=currency, months=months
    )


@dataclass(frozen=True)
class Renewal:
    """One subscription renewal still due in the month, in the plan's currency."""

    subscription_id: str
    name: str
    category: str
    due_date: date
    amount: Decimal
    currency: str


def renewals_due(
    user: AbstractBaseUser, month: date, currency: str, today: date
) -> list[Renewal]:
    """Renewals of active subscriptions from today (or the month's first day) to the
    month's end, not yet paid, in `currency`, with the expense category their
    payments are recorded under."""
    first, last = month_start(month), month_end(month)
    if last < today:
        return []
    start = max(first, today)
    calendar = SubscriptionService.calendar(user=user, month=first)
    renewals = [
        event
        for event in calendar["events"]
        if event["type"] == "renewal"
        and event["currency"] == currency
        and event["date"] >= start
    ]
    if not renewals:
        return []
    ids = {event["subscription_id"] for event in renewals}
    subscriptions = {
        sub.pk: sub
        for sub in SubscriptionService.queryset_for(user=user).filter(pk__in=ids)
    }
    due = []
    for event in renewals:
        sub = subscriptions.get(event["subscription_id"])
        if sub is None or event["date"] < sub.next_billing_date:
            continue  # that cycle is paid already
        due.append(
            Renewal(
                subscription_id=sub.pk,
                name=sub.name,
                category=SubscriptionService.expense_category_for(subscription=sub),
                due_date=event["date"],
                amount=event["amount"],
                currency=currency,
            )
        )
    return due


def renewals_by_category(renewals: list[Renewal]) -> dict[str, Decimal]:
    """The renewals' total per category."""
    totals: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for renewal in renewals:
        totals[renewal.category] += renewal.amount
    return dict(totals)
