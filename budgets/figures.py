"""A plan's figures per category: allocated, rollover in, available, spent, remaining.

Read in two queries whatever the number of categories and expenses: the plan and
last month's plan with their live allocations (one query, `locate`, a left join so
a plan without allocations costs nothing more), and the month's spending from the
expenses rollups (one); the summary adds the user's ranking (one). Reading writes
nothing: months are closed by the scheduled job or `close/` only.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import FilteredRelation, Q, Subquery

from budgets import rollover
from budgets.models import ZERO, BudgetAllocationModel, BudgetModel
from budgets.plans import ALLOCATION_FIELDS, previous_month
from budgets.spending import spent_by_category
from mysphere_core.dates import parse_month
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
    def percent_used(self) -> Decimal | None:
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


PLAN_COLUMNS = tuple(f.attname for f in BudgetModel._meta.concrete_fields)
LINE_COLUMNS = (
    "allocation_id",
    "category",
    *ALLOCATION_FIELDS,
    "closing_balance",
    "is_active",
)


def _rows(
    user: AbstractBaseUser, *, pk: int | None = None, month: str | None = None
) -> tuple[list[BudgetModel], list[BudgetAllocationModel]]:
    """The live plan (by id or month) and the live plan of the month before it,
    with their live allocations (each joined to its plan): one query, also when a
    plan has no allocations (a left join)."""
    queryset = BudgetModel.objects.filter(user=user, is_active=True).annotate(
        line=FilteredRelation("allocations", condition=Q(allocations__is_active=True))
    )
    if pk is not None:
        before = BudgetModel.objects.filter(pk=pk, user=user, is_active=True)
        queryset = queryset.filter(
            Q(pk=pk) | Q(month=Subquery(before.values("previous_month")[:1]))
        )
    else:
        queryset = queryset.filter(month__in=[month, previous_month(month)])
    line_columns = [f"line__{name}" for name in LINE_COLUMNS]
    plans: dict[int, BudgetModel] = {}
    rows = []
    for values in queryset.values_list(*PLAN_COLUMNS, *line_columns):
        head, tail = values[: len(PLAN_COLUMNS)], values[len(PLAN_COLUMNS) :]
        plan = plans.get(head[PLAN_COLUMNS.index("budget_id")])
        if plan is None:
            plan = BudgetModel.from_db(queryset.db, PLAN_COLUMNS, head)
            plans[plan.pk] = plan
        if tail[0] is not None:
            rows.append(
                BudgetAllocationModel(
                    budget=plan, **dict(zip(LINE_COLUMNS, tail, strict=True))
                )
            )
    return list(plans.values()), rows


def locate(
    user: AbstractBaseUser, *, pk: int | None = None, month: str | None = None
) -> tuple[BudgetModel | None, list[BudgetAllocationModel]]:
    """The live plan (by id, else by "YYYY-MM" month) and the allocation rows its
    figures need (this and last month's), in one query."""
    plans, rows = _rows(user, pk=pk, month=month)
    for plan in plans:
        if (plan.pk == pk) if pk is not None else (plan.month == month):
            return plan, rows
    return None, rows


def figures_for(
    *,
    user: AbstractBaseUser,
    plan: BudgetModel,
    rows: list[BudgetAllocationModel] | None = None,
) -> PlanFigures:
    """The plan's figures (from `locate`'s rows when given), as the data stands: a
    read never closes a month, so what last month carries in counts once it is
    closed (by the scheduled job or `close/`)."""
    if rows is None:
        rows = _rows(user, month=plan.month)[1]
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
