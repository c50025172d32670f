"""Plans and their allocations: create, change, delete, each in one atomic write.

Allocations plus the savings goal may not exceed the income; a second live plan
for a month is refused; a closed month's money cannot change any more (its
closing balances have been carried forward).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet

from budgets.models import ZERO, BudgetAllocationModel, BudgetModel
from mysphere_core import events
from mysphere_core.dates import month_label, month_start, parse_month
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from users.services import UserService

PLAN_FIELDS = ("month", "currency", "total_income", "savings_goal_amount", "notes")
MONEY_FIELDS = ("currency", "total_income", "savings_goal_amount", "allocations")
ALLOCATION_FIELDS = ("allocated_amount", "alert_threshold_percent", "rollover")


def plans_of(user: AbstractBaseUser | None) -> QuerySet[BudgetModel]:
    """The user's live plans, newest month first, live allocations prefetched."""
    live = BudgetAllocationModel.objects.filter(is_active=True).order_by("category")
    return BudgetModel.objects.filter(user=user, is_active=True).prefetch_related(
        Prefetch("allocations", queryset=live)
    )


def plan_for(*, user: AbstractBaseUser, pk: Any, lock: bool = False) -> BudgetModel:
    """One live plan of the user; 404 for anybody else's or a deleted one. With
    `lock`, its row stays locked until the transaction ends."""
    row_id = parse_pk(pk)
    queryset = (
        plans_of(user).select_for_update(of=("self",)) if lock else plans_of(user)
    )
    plan = queryset.filter(pk=row_id).first() if row_id else None
    if plan is None:
        raise NotFoundError("Budget not found.")
    return plan


def plan_for_month(user: AbstractBaseUser, month: str) -> BudgetModel | None:
    """The user's live plan of a "YYYY-MM" month, or None."""
    return BudgetModel.objects.filter(user=user, month=month, is_active=True).first()


def previous_month(month: str) -> str:
    """The "YYYY-MM" before `month` (2027-01 -> 2026-12)."""
    return month_label(month_start(parse_month(month), 1))


def no_plan(month: str) -> NotFoundError:
    """The 404 of a month without a plan, saying how to make one."""
    return NotFoundError(
        f"You have no budget for {month}. Create a plan for the month first "
        "(Budgets, Create a plan)."
    )


def money(value: Decimal) -> str:
    """An amount as the messages show it: "3,250.00"."""
    return f"{value:,.2f}"


def check_totals(
    income: Decimal, savings: Decimal, allocations: Sequence[Mapping[str, Any]]
) -> None:
    """Savings within income; allocations within income minus savings (400 else)."""
    if savings > income:
        raise InvalidInput(
            f"The savings goal {money(savings)} is more than the income "
            f"{money(income)}.",
            field="savings_goal_amount",
        )
    total = sum((Decimal(a["allocated_amount"]) for a in allocations), ZERO)
    room = income - savings
    if total > room:
        raise InvalidInput(
            f"Allocations total {money(total)} but income minus savings is "
            f"{money(room)}: {money(total - room)} over.",
            field="allocations",
        )


def _check_month_free(user: AbstractBaseUser, month: str, exclude: Any = None) -> None:
    """400 on `month` when the user already has a live plan for it."""
    taken = BudgetModel.objects.filter(user=user, month=month, is_active=True)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise InvalidInput(f"You already have a budget for {month}.", field="month")


def _save(plan: BudgetModel) -> None:
    """Save the plan; a concurrent plan for the same month is the same 400."""
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise InvalidInput(
            f"You already have a budget for {plan.month}.", field="month"
        ) from exc


def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> BudgetModel:
    """A plan with its allocations; announces `budget.created`."""
    plan = BudgetModel(
        user=user,
        month=data["month"],
        previous_month=previous_month(data["month"]),
        currency=data.get("currency") or UserService.currency_for(user=user),
        total_income=data["total_income"],
        savings_goal_amount=data.get("savings_goal_amount") or ZERO,
        notes=data.get("notes") or "",
    )
    allocations = list(data.get("allocations") or [])
    check_totals(plan.total_income, plan.savings_goal_amount, allocations)
    _check_month_free(user, plan.month)
    with transaction.atomic():
        _save(plan)
        replace_allocations(plan, allocations)
        events.announce(
            "budget.created",
            user=user,
            budget_id=plan.pk,
            month=plan.month,
            currency=plan.currency,
        )
    return plan_for(user=user, pk=plan.pk)


def update(
    *,
    user: AbstractBaseUser,
    pk: Any,
    data: Mapping[str, Any],
    partial: bool = False,
) -> BudgetModel:
    """Change a plan; announces `budget.updated`. Given allocations replace the
    plan's (PUT), or with `partial` (PATCH) change or add the categories sent and
    keep the others. A closed month's money is frozen."""
    with transaction.atomic():
        plan = plan_for(user=user, pk=pk, lock=True)
        changed = [f for f in (*PLAN_FIELDS, "allocations") if f in data]
        if plan.closed_at is not None and set(changed) & {*MONEY_FIELDS, "month"}:
            raise DomainError(
                f"{plan.month} is closed: its rollover has been carried into the "
                "next month, so its money can no longer change.",
                code=ErrorCode.BUDGET_CLOSED,
            )
        for field in PLAN_FIELDS:
            if field in data and data[field] is not None:
                setattr(plan, field, data[field])
        allocations = data.get("allocations")
        if allocations is not None and partial:
            allocations = merged_allocations(plan, allocations)
        current = [
            {"allocated_amount": row.allocated_amount} for row in plan.allocations.all()
        ]
        check_totals(
            plan.total_income,
            plan.savings_goal_amount,
            current if allocations is None else allocations,
        )
        if "month" in data:
            _check_month_free(user, plan.month, exclude=plan.pk)
            plan.previous_month = previous_month(plan.month)
        _save(plan)
        if allocations is not None:
            replace_allocations(plan, allocations)
        events.announce(
            "budget.updated",
            user=user,
            budget_id=plan.pk,
            month=plan.month,
            fields=sorted(changed),
        )
    return plan_for(user=user, pk=plan.pk)


def merged_allocations(
    plan: BudgetModel, sent: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The plan's live allocations with the sent categories changed (the fields
    sent) or added."""
    rows = {
        row.category: {
            "category": row.category,
            **{field: getattr(row, field) for field in ALLOCATION_FIELDS},
        }
        for row in plan.allocations.all()
    }
    for values in sent:
        rows[values["category"]] = {**rows.get(values["category"], {}), **values}
    return list(rows.values())


def delete(*, user: AbstractBaseUser, pk: Any) -> None:
    """Soft-delete a plan; announces `budget.deleted`."""
    plan = plan_for(user=user, pk=pk)
    with transaction.atomic():
        plan.soft_delete()
        events.announce(
            "budget.deleted", user=user, budget_id=plan.pk, month=plan.month
        )


def replace_allocations(
    plan: BudgetModel, allocations: Sequence[Mapping[str, Any]]
) -> None:
    """Make the plan's live allocations exactly `allocations`: rows of the same
    category are reused (the key is unique per plan), the others switched off."""
    existing = {
        row.category: row for row in BudgetAllocationModel.objects.filter(budget=plan)
    }
    wanted = {a["category"]: a for a in allocations}
    changed, created = [], []
    for category, values in wanted.items():
        row = existing.get(category) or BudgetAllocationModel(
            budget=plan, category=category
        )
        row.allocated_amount = values["allocated_amount"]
        row.alert_threshold_percent = values.get("alert_threshold_percent") or 80
        row.rollover = values.get("rollover") or BudgetAllocationModel.Rollover.NONE
        row.closing_balance = None
        row.is_active = True
        (changed if row.pk else created).append(row)
    for category, row in existing.items():
        if category not in wanted and row.is_active:
            row.is_active = False
            changed.append(row)
    fields = [*ALLOCATION_FIELDS, "closing_balance", "is_active", "updated_at"]
    for row in changed:
        row.save(update_fields=fields)
    BudgetAllocationModel.objects.bulk_create(created)
