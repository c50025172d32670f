"""Rollover: what a month's allocation left (or overspent) carries into the next.

A month is closed on demand (`POST /{budget_id}/close/`) or by the hourly job once
it is over where its owner lives; reads never close one. Closing freezes each
allocation's `closing_balance` (available minus spent, signed) once, under a row
lock, so a balance is never counted twice; the next month's allocation of the same
category takes it in according to its own `rollover` mode:

- `none`: nothing carries in;
- `unspent`: what was left carries in, an overspend does not;
- `unspent_and_overspent`: both (an overspend lowers this month's available).
"""

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from budgets.models import ZERO, BudgetAllocationModel, BudgetModel
from budgets.plans import previous_month
from budgets.spending import spent_by_category
from mysphere_core import events
from mysphere_core.dates import month_label, month_start, parse_month
from users.services import UserService

Rollover = BudgetAllocationModel.Rollover


def carried_in(mode: str, balance: Decimal | None) -> Decimal:
    """What a closing balance brings into an allocation with rollover `mode`."""
    if balance is None or mode == Rollover.NONE:
        return ZERO
    if mode == Rollover.UNSPENT:
        return max(ZERO, balance)
    return balance


def balances_before(user: AbstractBaseUser, month: str) -> dict[str, Decimal]:
    """The closing balances of the previous month's closed plan, per category."""
    rows = BudgetAllocationModel.objects.filter(
        budget__user=user,
        budget__month=previous_month(month),
        budget__is_active=True,
        budget__closed_at__isnull=False,
        is_active=True,
    ).values_list("category", "closing_balance")
    return dict(rows)


def rollovers_in(
    allocations: Iterable[BudgetAllocationModel], balances: dict[str, Decimal]
) -> dict[str, Decimal]:
    """Each allocation's rollover in, from last month's closing balances."""
    return {
        row.category: carried_in(row.rollover, balances.get(row.category))
        for row in allocations
    }


def close(*, user: AbstractBaseUser, plan: BudgetModel) -> None:
    """Close the plan's month (and first any unclosed month right before it):
    freeze each allocation's closing balance; announces `budget.closed`. Closing a
    closed month changes nothing."""
    chain = [plan]
    month = plan.month
    while True:
        month = previous_month(month)
        earlier = BudgetModel.objects.filter(
            user=user, month=month, is_active=True, closed_at__isnull=True
        ).first()
        if earlier is None:
            break
        chain.append(earlier)
    for row in reversed(chain):
        _close_one(user, row)


def _close_one(user: AbstractBaseUser, plan: BudgetModel) -> bool:
    """Freeze one month's closing balances, once (the row lock decides); True when
    this call closed it."""
    with transaction.atomic():
        locked = BudgetModel.objects.select_for_update().get(pk=plan.pk)
        if locked.closed_at is not None:
            return False
        allocations = list(locked.allocations.filter(is_active=True))
        incoming = rollovers_in(allocations, balances_before(user, locked.month))
        spent = spent_by_category(user, parse_month(locked.month), locked.currency)
        for row in allocations:
            available = row.allocated_amount + incoming[row.category]
            row.closing_balance = available - spent.get(row.category, ZERO)
        BudgetAllocationModel.objects.bulk_update(allocations, ["closing_balance"])
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at", "updated_at"])
        events.announce(
            "budget.closed", user=user, budget_id=locked.pk, month=locked.month
        )
    return True


def close_finished_months() -> int:
    """Close every live plan whose month is over where its owner lives (beat task;
    closing is idempotent, so overlapping runs cannot count a month twice);
    returns how many plans this run closed."""
    latest = month_label(timezone.now().date() + timedelta(days=1))
    candidates = (
        BudgetModel.objects.filter(
            is_active=True, closed_at__isnull=True, month__lte=latest
        )
        .select_related("user__profile")
        .order_by("month", "budget_id")
    )
    closed = 0
    for plan in candidates.iterator(chunk_size=500):
        today = UserService.today_for(user=plan.user)
        if parse_month(plan.month) < month_start(today):
            closed += _close_one(plan.user, plan)
    return closed
