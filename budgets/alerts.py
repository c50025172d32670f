"""Threshold alerts: the first expense that takes a category past its alert
threshold, and past 100 %, in a month announces `budget.threshold_crossed` /
`budget.exceeded` once per plan and category.

A receiver of the expense events (subscribed in `receivers.py`) hears every
committed expense write, recomputes the category's figures from the rollups,
and inserts one `BudgetAlertModel` row per (plan, category, kind): the unique
constraint decides which of several concurrent writers wins, and only the winner
announces. "Past the threshold" is spent >= threshold % of available; "past 100 %"
is spent > available.
"""

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from budgets.figures import Line, figures_for
from budgets.models import BudgetAlertModel, BudgetModel
from expenses.services import ExpenseService
from mysphere_core import events
from mysphere_core.dates import month_label
from mysphere_core.events import DomainEvent

logger = logging.getLogger(__name__)


def on_expense_event(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """Check the thresholds of the categories a committed expense write touched;
    the user is loaded only when one of them can still raise an alert."""
    users = get_user_model().objects.filter(pk=event.user_id)
    user = users.first() if event.name == "expense.bulk_created" else None
    for month, currency, category in sorted(_touched(event, user)):
        if _open_to_alerts(event.user_id, month, currency, category):
            user = user or users.first()
            if user is None:  # gone since the write
                return
            check(user=user, month=month, currency=currency, category=category)


def _touched(
    event: DomainEvent, user: AbstractBaseUser | None
) -> set[tuple[str, str, str]]:
    """The (month, currency, category) of every expense the event wrote (a bulk
    create's are read back, for `user`)."""
    if event.name == "expense.bulk_created":
        touched = (
            ExpenseService.queryset_for(user=user)
            .filter(pk__in=event.payload["expense_ids"])
            .values_list("transaction_date", "currency", "category")
            .distinct()
        )
    else:
        payload = event.payload
        touched = [
            (
                date.fromisoformat(payload["transaction_date"]),
                payload["currency"],
                payload["category"],
            )
        ]
    return {(month_label(day), cur, category) for day, cur, category in touched}


def open_to_alerts(
    user_id: int, name: str, known: Mapping[str, Any]
) -> tuple[str, list[Any]]:
    """The alert check's test before an expense is written (`known`: its date,
    currency and category): the month has a plan in which the category can still
    raise an alert."""
    month = month_label(date.fromisoformat(known["transaction_date"]))
    params = [user_id, month, known["currency"], known["category"]]
    return f"EXISTS ({_OPEN_TO_ALERTS})", [*params, len(BudgetAlertModel.Kind)]


def _open_to_alerts(user_id: int, month: str, currency: str, category: str) -> bool:
    """Whether the month has a live plan in `currency` in which the category can
    still raise an alert (not both in yet): one short statement, so that most
    expense writes cost no more than this."""
    with connection.cursor() as cursor:
        cursor.execute(
            _OPEN_TO_ALERTS,
            [user_id, month, currency, category, len(BudgetAlertModel.Kind)],
        )
        return cursor.fetchone() is not None


_OPEN_TO_ALERTS = (
    f"SELECT plan.budget_id FROM {BudgetModel._meta.db_table} plan "  # noqa: S608
    "WHERE plan.user_id = %s AND plan.month = %s AND plan.currency = %s "
    "AND plan.is_active AND (SELECT COUNT(*) FROM "
    f"{BudgetAlertModel._meta.db_table} alert WHERE alert.budget_id = plan.budget_id "
    "AND alert.category = %s) < %s LIMIT 1"
)


def check(
    *, user: AbstractBaseUser, month: str, currency: str, category: str
) -> list[str]:
    """Record and announce the thresholds this category has now crossed for the
    first time in the month's plan (if it is in `currency`); the names announced."""
    plan = BudgetModel.objects.filter(
        user=user, month=month, currency=currency, is_active=True
    ).first()
    if plan is None:
        return []
    line = figures_for(user=user, plan=plan).lines.get(category)
    if line is None or line.available <= 0:
        return []
    used = line.spent * 100 / line.available
    crossed = []
    if used >= line.alert_threshold_percent:
        crossed.append((BudgetAlertModel.Kind.THRESHOLD, "budget.threshold_crossed"))
    if line.spent > line.available:
        crossed.append((BudgetAlertModel.Kind.EXCEEDED, "budget.exceeded"))
    announced = []
    for kind, name in crossed:
        if _record(plan, line, kind):
            _announce(user, plan, line, name)
            announced.append(name)
    return announced


def _record(plan: BudgetModel, line: Line, kind: str) -> bool:
    """Insert the alert row; True only for the insert that created it."""
    _, created = BudgetAlertModel.objects.get_or_create(
        budget=plan,
        category=line.category,
        kind=kind,
        defaults={
            "spent": line.spent,
            "available": line.available,
            "percent_used": line.percent_used,
        },
    )
    return created


def _announce(user: AbstractBaseUser, plan: BudgetModel, line: Line, name: str) -> None:
    """The catalogue's alert payload, JSON-ready."""
    events.announce(
        name,
        user=user,
        budget_id=plan.pk,
        month=plan.month,
        category=line.category,
        currency=plan.currency,
        available=str(line.available),
        spent=str(line.spent),
        percent_used=str(line.percent_used),
        threshold_percent=line.alert_threshold_percent,
    )
