"""BudgetWise's BudgetSummary of one plan: totals, lines, pace and what is safe.

`total_spent` is all of the month's spending in the plan's currency, budgeted or
not, so `total_remaining` can go below the sum of the lines' remainders; spending
in categories without an allocation is listed as `unbudgeted_spending`.
"""

from calendar import monthrange
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from budgets.categories import Ranking
from budgets.figures import PlanFigures
from budgets.models import ZERO
from mysphere_core.dates import month_end, month_start
from mysphere_core.money import CENT, to_cents


def days_left(month: date, today: date) -> int:
    """Days of the month still to come, today included (0 for a past month)."""
    last = month_end(month)
    if last < today:
        return 0
    return (last - max(month_start(month), today)).days + 1


def projected_spend(total: Decimal, month: date, today: date) -> Decimal:
    """The month's spending at the pace so far (a past month: what it was)."""
    if month_end(month) < today or month_start(month) > today:
        return to_cents(total)
    days = monthrange(month.year, month.month)[1]
    return to_cents(total / today.day * days)


def summarise(
    figures: PlanFigures, rankings: dict[str, Ranking], today: date
) -> dict[str, Any]:
    """The summary of a plan's figures on the user's `today`."""
    plan = figures.plan
    total_remaining = figures.total_budget - figures.total_spent
    left = days_left(figures.month, today)
    safe = ZERO
    if left and total_remaining > 0:
        safe = (total_remaining / left).quantize(CENT, rounding=ROUND_DOWN)
    lines = sorted(
        figures.lines.values(),
        key=lambda line: (-rankings[line.category].necessity_score, line.category),
    )
    return {
        "budget_id": plan.pk,
        "month": plan.month,
        "currency": plan.currency,
        "total_income": plan.total_income,
        "savings_goal_amount": plan.savings_goal_amount,
        "closed": plan.closed_at is not None,
        "total_budget": figures.total_budget,
        "total_spent": figures.total_spent,
        "total_remaining": total_remaining,
        "categories": [
            {
                "category": line.category,
                "allocated": line.allocated,
                "rollover": line.rollover,
                "rollover_in": line.rollover_in,
                "available": line.available,
                "spent": line.spent,
                "remaining": line.remaining,
                "percent_used": line.percent_used,
                "alert_threshold_percent": line.alert_threshold_percent,
                "necessity_score": rankings[line.category].necessity_score,
            }
            for line in lines
        ],
        "overspent_categories": figures.overspent,
        "unbudgeted_spending": [
            {"category": category, "spent": spent}
            for category, spent in sorted(figures.unbudgeted.items())
        ],
        "days_left": left,
        "safe_to_spend_per_day": safe,
        "projected_month_end_spend": projected_spend(
            figures.total_spent, figures.month, today
        ),
    }
