"""What the plans read from other features, read-only: spending per category from
the expenses app's monthly rollups (one query, whatever the number of expenses),
and the subscription renewals still due in a month from the subscriptions app.

Spent is never stored here: it is the month's active expenses in the plan's
currency, refunds negative, summed by the database.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum

from expenses.models import MonthlySpendingSummaryModel
from expenses.rollups import from_mills
from mysphere_core.dates import month_end, month_start
from subscriptions.payments import expense_category_for
from subscriptions.services import SubscriptionService

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_MESSAGE = "Use a month as YYYY-MM between 1900-01 and 2999-12."


def parse_month(value: str) -> date | None:
    """The first day of a "YYYY-MM" month in 1900..2999, else None."""
    match = MONTH_PATTERN.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1900 <= year <= 2999 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def month_label(day: date) -> str:
    """The "YYYY-MM" of a day's month."""
    return f"{day.year:04d}-{day.month:02d}"


def spent_by_category(
    user: AbstractBaseUser, month: date, currency: str
) -> dict[str, Decimal]:
    """The month's signed spending per category in one currency (one query)."""
    rows = MonthlySpendingSummaryModel.objects.filter(
        user=user, month=month_start(month), currency=currency
    ).values_list("category", "total_mills", "item_count")
    return {
        category: from_mills(total) for category, total, count in rows if count or total
    }


def history_by_category(
    user: AbstractBaseUser, month: date, currency: str, months: int = 3
) -> dict[str, Decimal]:
    """Spending per category over the `months` full months before `month`."""
    first = month_start(month, months)
    rows = (
        MonthlySpendingSummaryModel.objects.filter(
            user=user,
            currency=currency,
            month__gte=first,
            month__lt=month_start(month),
        )
        .values("category")
        .annotate(total=Sum("total_mills"))
        .order_by("category")
    )
    return {row["category"]: from_mills(row["total"]) for row in rows if row["total"]}


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
                category=expense_category_for(sub),
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
