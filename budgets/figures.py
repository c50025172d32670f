"""A plan's figures per category: allocated, rollover in, available, spent, remaining.

Read in two queries whatever the number of categories and expenses: the live
allocations of the plan and of last month's plan with their plans (one query,
`locate`), and the month's spending from the expenses rollups (one); the summary
adds the user's ranking (one). Last month is closed here first when it is over
and still open (once).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, Subquery

from budgets import rollover
from budgets.models import ZERO, BudgetAllocationModel, BudgetModel
from budgets.plans import previous_month
from budgets.spending import parse_month, spent_by_category
from mysphere_core.money import percent


@dataclass(frozen=True)
class Line:
    """One allocated category of a plan."""

    category: str
    allocated: Decimal
    rollover_in: Decimal
    spent: Decimal
    alert_threshold_percent: int
    rollover: str

    @property
    def available(self) -> Decimal:
        """What the month gives the category: allocated plus rollover in."""
        return self.allocated + self.rollover_in

    @property
    def remaining(self) -> Decimal:
        """Available minus spent (negative when overspent)."""
        return self.available - self.spent

    @property
    def percent_used(self) -> float | None:
        """Spent as a percentage of available, one decimal (None when 0 available)."""
        return percent(self.spent, self.available)


@dataclass(frozen=True)
class PlanFigures:
    """A plan with its lines and the month's spending in its currency."""

    plan: BudgetModel
    month: date
    lines: dict[str, Line]
    spent: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total_budget(self) -> Decimal:
        """The sum of every category's available."""
        return sum((line.available for line in self.lines.values()), ZERO)

    @property
    def total_spent(self) -> Decimal:
        """All the month's spending in the plan's currency, budgeted or not."""
        return sum(self.spent.values(), ZERO)

    @property
    def unbudgeted(self) -> dict[str, Decimal]:
        """Spending in categories the plan gives nothing to."""
        return {c: v for c, v in self.spent.items() if c not in self.lines and v}

    @property
    def overspent(self) -> list[str]:
        """Categories whose remaining is below zero."""
        return [c for c, line in self.lines.items() if line.remaining < 0]


def _rows(
    user: AbstractBaseUser, *, pk: int | None = None, month: str | None = None
) -> list[BudgetAllocationModel]:
    """Live allocations of a plan (by id or month) and of the live plan of the
    month before it, their plans joined: one query."""
    queryset = BudgetAllocationModel.objects.filter(
        budget__user=user, budget__is_active=True, is_active=True
    ).select_related("budget")
    if pk is not None:
        before = BudgetModel.objects.filter(pk=pk, user=user, is_active=True)
        queryset = queryset.filter(
            Q(budget_id=pk)
            | Q(budget__month=Subquery(before.values("previous_month")[:1]))
        )
    else:
        queryset = queryset.filter(budget__month__in=[month, previous_month(month)])
    return list(queryset)


def locate(
    user: AbstractBaseUser, *, pk: int | None = None, month: str | None = None
) -> tuple[BudgetModel | None, list[BudgetAllocationModel]]:
    """The live plan (by id, else by "YYYY-MM" month) and the allocation rows its
    figures need; the plan is read on its own only when it has no allocations."""
    rows = _rows(user, pk=pk, month=month)
    for row in rows:
        if (pk is not None and row.budget_id == pk) or row.budget.month == month:
            return row.budget, rows
    plans = BudgetModel.objects.filter(user=user, is_active=True)
    plan = plans.filter(pk=pk).first() if pk is not None else None
    if pk is None:
        plan = plans.filter(month=month).first()
    return plan, rows


def figures_for(
    *,
    user: AbstractBaseUser,
    plan: BudgetModel,
    today: date | None = None,
    rows: list[BudgetAllocationModel] | None = None,
) -> PlanFigures:
    """The plan's figures (from `locate`'s rows when given); with `today`, last
    month is closed first when it is over and still open."""
    if rows is None:
        rows = _rows(user, month=plan.month)
    earlier = [row for row in rows if row.budget_id != plan.pk]
    if today is not None and any(row.budget.closed_at is None for row in earlier):
        rollover.close_previous_if_over(user=user, month=plan.month, today=today)
        rows = _rows(user, month=plan.month)
        earlier = [row for row in rows if row.budget_id != plan.pk]
    balances = {
        row.category: row.closing_balance
        for row in earlier
        if row.budget.closed_at is not None
    }
    month = parse_month(plan.month)
    spent = spent_by_category(user, month, plan.currency)
    lines = {}
    for row in sorted(
        (r for r in rows if r.budget_id == plan.pk), key=lambda r: r.category
    ):
        lines[row.category] = Line(
            category=row.category,
            allocated=row.allocated_amount,
            rollover_in=rollover.carried_in(row.rollover, balances.get(row.category)),
            spent=spent.get(row.category, ZERO),
            alert_threshold_percent=row.alert_threshold_percent,
            rollover=row.rollover,
        )
    return PlanFigures(plan=plan, month=month, lines=lines, spent=spent)
