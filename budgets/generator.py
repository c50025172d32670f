"""A plan from income, in the spirit of 50/30/20.

1. Savings: the goal given, else a "save N%" goal, else 20 % of income.
2. What is left is split needs : wants as 50 : 30 (needs are necessity 8+).
3. Within each group a category's weight is its default share scaled by the
   user's necessity score over the default one; when the user spent in the group
   over the last three months (the plan's currency), half the weight follows that
   spending's shares.
4. `monthly_limit`s cap categories; what a cap frees goes to the group's other
   categories, then to the other group; what nobody can take is added to savings.
5. Amounts are cut to cents per group and the last cents go to the largest
   remainders, so the allocations add up to income minus savings exactly.
"""

import re
from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from budgets import categories, plans
from budgets.categories import Ranking
from budgets.models import ZERO
from budgets.plans import money
from budgets.spending import history_by_category
from mysphere_core.dates import parse_month
from mysphere_core.errors import InvalidInput
from mysphere_core.money import percent
from users.services import UserService

NEEDS_SHARE = Decimal(50)
WANTS_SHARE = Decimal(30)
DEFAULT_SAVINGS_PERCENT = Decimal(20)
HISTORY_WEIGHT = Decimal("0.5")
CENT = Decimal("0.01")
_SAVE_PERCENT = re.compile(r"\bsav\w*\b\D*?(\d{1,3}(?:\.\d+)?)\s*%", re.IGNORECASE)


def savings_for(
    income: Decimal, savings_goal: Decimal | None, goals: Sequence[str]
) -> tuple[Decimal, str]:
    """The savings of the plan and why (given, a goal's percentage, or 20 %)."""
    if savings_goal is not None:
        return savings_goal, f"Savings goal as given: {money(savings_goal)}."
    for goal in goals:
        match = _SAVE_PERCENT.search(goal)
        if match and Decimal(match.group(1)) <= 100:
            rate = Decimal(match.group(1))
            amount = (income * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            return (
                amount,
                f"Saving {rate}% of income as your goal asks: {money(amount)}.",
            )
    amount = (income * DEFAULT_SAVINGS_PERCENT / 100).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return amount, f"Saving 20% of income (the 50/30/20 rule): {money(amount)}."


def weights(group: list[Ranking], history: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each category's weight in its group (they sum to 1 when the group is not
    empty): ranking-scaled default shares, half following recent spending."""
    base = {
        r.category: r.default_allocation_percent
        * Decimal(r.necessity_score)
        / Decimal(r.default_necessity_score)
        for r in group
    }
    total = sum(base.values(), ZERO)
    shares = {c: w / total for c, w in base.items()} if total else {}
    spent = {r.category: max(ZERO, history.get(r.category, ZERO)) for r in group}
    spent_total = sum(spent.values(), ZERO)
    if not spent_total:
        return shares
    return {
        c: (1 - HISTORY_WEIGHT) * shares[c] + HISTORY_WEIGHT * spent[c] / spent_total
        for c in shares
    }


def fill(
    amount: Decimal,
    shares: dict[str, Decimal],
    caps: dict[str, Decimal],
    given: dict[str, Decimal],
) -> Decimal:
    """Add `amount` to `given` by `shares`, never past a cap; returns what is left
    when every category of `shares` is at its cap."""
    open_ = {
        c: s
        for c, s in shares.items()
        if s > 0 and (c not in caps or given[c] < caps[c])
    }
    while amount > 0 and open_:
        total = sum(open_.values(), ZERO)
        capped = {
            c
            for c, s in open_.items()
            if c in caps and given[c] + amount * s / total >= caps[c]
        }
        if not capped:
            for c, s in open_.items():
                given[c] += amount * s / total
            return ZERO
        for c in capped:
            amount -= caps[c] - given[c]
            given[c] = caps[c]
            del open_[c]
    return amount


def to_cents(
    amounts: dict[str, Decimal], total: Decimal, caps: dict[str, Decimal]
) -> dict[str, Decimal]:
    """Amounts cut to cents summing exactly to `total`: the last cents go to the
    largest remainders among categories below their caps."""
    floors = {c: a.quantize(CENT, rounding=ROUND_DOWN) for c, a in amounts.items()}
    gap = (total - sum(floors.values(), ZERO)) / CENT
    cents_left = int(gap.to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(
        (c for c in amounts if c not in caps or floors[c] < caps[c]),
        key=lambda c: (-(amounts[c] - floors[c]), c),
    )
    for c in order[:cents_left]:
        floors[c] += CENT
    return floors


def generate(
    *,
    income: Decimal,
    savings_goal: Decimal | None,
    goals: Sequence[str],
    rankings: dict[str, Ranking],
    history: dict[str, Decimal],
) -> dict[str, Any]:
    """The allocations, savings and the reasons, computed (nothing saved)."""
    savings, why = savings_for(income, savings_goal, goals)
    spendable = income - savings
    needs = [r for r in rankings.values() if r.is_need]
    wants = [r for r in rankings.values() if not r.is_need]
    caps = {
        r.category: r.monthly_limit
        for r in rankings.values()
        if r.monthly_limit is not None
    }
    given = dict.fromkeys(rankings, ZERO)
    need_part = spendable * NEEDS_SHARE / (NEEDS_SHARE + WANTS_SHARE)
    if not needs or not wants:
        need_part = spendable if needs else ZERO
    need_shares, want_shares = weights(needs, history), weights(wants, history)
    left = fill(need_part, need_shares, caps, given)
    left = fill(spendable - need_part + left, want_shares, caps, given)
    left = fill(left, need_shares, caps, given)
    notes = [why]
    if left > 0:
        left = left.quantize(CENT, rounding=ROUND_HALF_UP)
        savings += left
        notes.append(
            f"Monthly limits leave {money(left)} that no category can take: "
            "added to savings."
        )
    need_names = {r.category for r in needs}
    need_given = {c: a for c, a in given.items() if c in need_names}
    want_given = {c: a for c, a in given.items() if c not in need_names}
    need_total = sum(need_given.values(), ZERO).quantize(CENT, rounding=ROUND_HALF_UP)
    allocations = {
        **to_cents(need_given, need_total, caps),
        **to_cents(want_given, income - savings - need_total, caps),
    }
    return {
        "savings_goal_amount": savings,
        "allocations": allocations,
        "notes": notes,
    }


def _check_request(
    user: AbstractBaseUser,
    month: str,
    income: Decimal,
    savings_goal: Decimal | None,
    dry_run: bool,
) -> None:
    """400 for a month that has a plan already (when saving) or a savings goal
    above the income."""
    if not dry_run and plans.plan_for_month(user, month) is not None:
        raise InvalidInput(f"You already have a budget for {month}.", field="month")
    if savings_goal is not None and savings_goal > income:
        raise InvalidInput(
            f"The savings goal {money(savings_goal)} is more than the income "
            f"{money(income)}.",
            field="savings_goal",
        )


def plan_from_income(  # noqa: PLR0913 - the request's fields
    *,
    user: AbstractBaseUser,
    month: str,
    income: Decimal,
    savings_goal: Decimal | None,
    goals: Sequence[str],
    dry_run: bool,
) -> dict[str, Any]:
    """Generate the month's plan; saved through `plans.create` unless `dry_run`."""
    currency = UserService.currency_for(user=user)
    _check_request(user, month, income, savings_goal, dry_run)
    rankings = categories.planning_rankings(user)
    history = history_by_category(user, parse_month(month), currency)
    result = generate(
        income=income,
        savings_goal=savings_goal,
        goals=goals,
        rankings=rankings,
        history=history,
    )
    rows = _rows(rankings, result["allocations"], history, income)
    budget = None
    if not dry_run:
        notes = " ".join([*result["notes"], *(f"Goal: {g}." for g in goals)])
        budget = plans.create(
            user=user,
            data={
                "month": month,
                "currency": currency,
                "total_income": income,
                "savings_goal_amount": result["savings_goal_amount"],
                "notes": notes,
                "allocations": rows,
            },
        )
    needs = sum((r["allocated_amount"] for r in rows if r["group"] == "need"), ZERO)
    return {
        "month": month,
        "currency": currency,
        "income": income,
        "savings_goal_amount": result["savings_goal_amount"],
        "needs_total": needs,
        "wants_total": income - result["savings_goal_amount"] - needs,
        "allocations": rows,
        "notes": result["notes"],
        "goals": list(goals),
        "dry_run": dry_run,
        "budget": budget,
    }


def _rows(
    rankings: dict[str, Ranking],
    allocations: dict[str, Decimal],
    history: dict[str, Decimal],
    income: Decimal,
) -> list[dict[str, Any]]:
    """The generated allocations as the API shows them, most essential first."""
    return [
        {
            "category": r.category,
            "allocated_amount": allocations[r.category],
            "necessity_score": r.necessity_score,
            "group": "need" if r.is_need else "want",
            "monthly_limit": r.monthly_limit,
            "last_three_months_average": (history.get(r.category, ZERO) / 3).quantize(
                CENT, rounding=ROUND_HALF_UP
            ),
            "percent_of_income": percent(allocations[r.category], income),
        }
        for r in sorted(
            rankings.values(), key=lambda r: (-r.necessity_score, r.category)
        )
    ]
